import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/driver';
import { closeOut } from './close-out';
import { clubConversion } from './club-conversion';
import { customerTags } from './customer-tags';
import { customersByTag } from './customers-by-tag';
import { eventSales } from './event-sales';
import { lifetimeValue } from './lifetime-value';
import { multiTagGuests } from './multi-tag-guests';
import { reEngagement } from './re-engagement';
import { registerReport } from './report-route';
import { revenueByTag } from './revenue-by-tag';
import { tagGrowth } from './tag-growth';
import { topCustomers } from './top-customers';

/** Every report, each at GET /api/v1/reports/<name>. */
export const REPORTS = [
  customersByTag,
  customerTags,
  revenueByTag,
  topCustomers,
  eventSales,
  multiTagGuests,
  tagGrowth,
  lifetimeValue,
  reEngagement,
  clubConversion,
  closeOut,
] as const;

export function reportRoutes(app: FastifyInstance, db: Db): void {
  for (const report of REPORTS) registerReport(app, db, report as Parameters<typeof registerReport>[2]);
}
