import { GuestImportRequest } from '@cellardoor/shared';
import type { FastifyInstance } from 'fastify';
import { authenticate, requireManagerUser } from '../auth/authenticate';
import type { Db } from '../db/driver';
import { parseInput } from '../http/errors';
import { importGuests } from './guest-import';

/** 5,000 mapped rows with tags fit well inside this. */
const IMPORT_BODY_LIMIT = 16 * 1024 * 1024;

/** POST /api/v1/imports/guests: a manager imports guests from a CSV the console parsed and mapped. */
export function guestImportRoute(app: FastifyInstance, db: Db): void {
  app.post('/api/v1/imports/guests', { bodyLimit: IMPORT_BODY_LIMIT, config: { access: 'manager' } }, async (req) => {
    const p = await authenticate(db, req);
    requireManagerUser(p);
    const body = parseInput(GuestImportRequest, req.body, 'guest import');
    const result = await importGuests(db, p.tenantId, p.userId, body);
    req.log.info(
      { source: body.source, dryRun: result.dryRun, created: result.created, updated: result.updated, unchanged: result.unchanged, errors: result.errors.length },
      'guests imported',
    );
    return result;
  });
}
