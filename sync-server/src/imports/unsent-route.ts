import { UnsentFileError, parseUnsentExport } from '@cellardoor/shared';
import type { FastifyInstance } from 'fastify';
import { authenticate, requireManagerUser } from '../auth/authenticate';
import type { Db } from '../db/driver';
import { badRequest } from '../http/errors';
import { importUnsent } from './unsent-import';

/** A busy tablet's last-resort file can hold a few days of sales: more than an ordinary request. */
const IMPORT_BODY_LIMIT = 64 * 1024 * 1024;

/** POST /api/v1/imports/unsent: a manager imports a tablet's exported unsent documents. */
export function unsentImportRoute(app: FastifyInstance, db: Db): void {
  app.post('/api/v1/imports/unsent', { bodyLimit: IMPORT_BODY_LIMIT, config: { access: 'manager' } }, async (req) => {
    const p = await authenticate(db, req);
    requireManagerUser(p);
    let file;
    try {
      file = parseUnsentExport(req.body);
    } catch (err) {
      if (err instanceof UnsentFileError) throw badRequest(err.message);
      throw err;
    }
    const result = await importUnsent(db, p.tenantId, p.userId, file);
    req.log.info({ device: file.deviceId, received: result.received, written: result.written, refused: result.refused }, 'unsent documents imported');
    return result;
  });
}
