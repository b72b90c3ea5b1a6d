import type { Queryable } from '../db/driver';
import type { ReportSource } from './relations';

export interface AsOf {
  asOf: Date;
  source: ReportSource;
  horizon: Date | null;
}

/**
 * The one place that decides what a report reads. The summaries hold everything ingested; the
 * data horizon is the latest instant any ingested document speaks of. At or after it, the
 * summaries are exactly the state as of that instant; before it, the report is computed from the
 * documents as of `asOf`.
 *
 * Without an `asOf`, a report is as of now, or as of the horizon when a device's clock ran ahead
 * of the server's, so a just-synced sale never drops out of "today".
 */
export async function asOfSource(tx: Queryable, tenantId: string, requested: Date | undefined): Promise<AsOf> {
  const [row] = await tx.query<{ horizon: Date }>('SELECT horizon FROM data_horizon WHERE tenant_id = $1', [tenantId]);
  const horizon = row ? new Date(row.horizon) : null;
  const asOf = requested ?? new Date(Math.max(Date.now(), horizon?.getTime() ?? 0));
  const source = horizon === null || asOf.getTime() >= horizon.getTime() ? 'summaries' : 'documents';
  return { asOf, source, horizon };
}
