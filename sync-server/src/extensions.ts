import type { FastifyInstance } from 'fastify';
import type { Db } from './db/driver';
import { customerRoutes } from './customers/routes';
import { privacyRoutes } from './privacy/routes';
import { unsentImportRoute } from './imports/unsent-route';
import { guestImportRoute } from './imports/guest-import-route';
import { reportRoutes } from './reports';
import { segmentRoutes } from './segments/routes';

/**
 * Capabilities that build on the foundation (reports, segments, imports, privacy, …) register
 * their routes here, one line each, so they stay out of the core's way.
 */
export async function registerExtensions(app: FastifyInstance, db: Db): Promise<void> {
  reportRoutes(app, db);
  customerRoutes(app, db);
  privacyRoutes(app, db);
  unsentImportRoute(app, db);
  segmentRoutes(app, db);
  guestImportRoute(app, db);
}
