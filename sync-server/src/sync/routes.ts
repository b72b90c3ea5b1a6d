import {
  HEADER_LAST_SEQ,
  HEADER_SCHEMA_VERSION,
  MAX_PULL_LIMIT,
  PushBody,
  SCHEMA_VERSION,
  type StreamMessage,
  devicePushable,
  isCollectionName,
  type CollectionName,
} from '@cellardoor/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authenticate, requireDevice } from '../auth/authenticate';
import type { Principal } from '../auth/principal';
import type { Db } from '../db/driver';
import { HttpError, forbidden, notFound, parseInput } from '../http/errors';
import { pullPage } from './pull';
import { pushBatch } from './push';
import type { StreamHub } from './stream-hub';

/** Oldest device schema this server still syncs with; older devices get 426. */
export const MIN_CLIENT_SCHEMA = 1;

const PullQuery = z.strictObject({
  checkpoint: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(100),
});

function collectionParam(req: FastifyRequest): CollectionName {
  const name = (req.params as { collection?: string }).collection ?? '';
  if (!isCollectionName(name)) throw notFound(`There is no collection called "${name}".`);
  return name;
}

function checkClientSchema(req: FastifyRequest): void {
  const raw = req.headers[HEADER_SCHEMA_VERSION];
  if (raw === undefined) return;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < MIN_CLIENT_SCHEMA)
    throw new HttpError(426, 'UPGRADE_REQUIRED', 'Update this device: its app is too old to sync with this server.', {
      details: { minSchema: MIN_CLIENT_SCHEMA, serverSchema: SCHEMA_VERSION },
    });
}

/** Records what the device says about itself: its schema and the last sale number it issued. */
async function noteDeviceHeaders(db: Db, req: FastifyRequest, p: Principal): Promise<void> {
  if (p.kind !== 'device') return;
  const lastSeq = Number(req.headers[HEADER_LAST_SEQ]);
  const schema = Number(req.headers[HEADER_SCHEMA_VERSION]);
  if (!Number.isInteger(lastSeq) && !Number.isInteger(schema)) return;
  await db.query(
    `UPDATE devices SET last_reported_seq = greatest(coalesce(last_reported_seq, 0), coalesce($3::int, 0)),
                        schema_version = coalesce($4::int, schema_version)
      WHERE tenant_id = $1 AND id = $2`,
    [p.tenantId, p.deviceId, Number.isInteger(lastSeq) && lastSeq >= 0 && lastSeq < 2 ** 31 ? lastSeq : null, Number.isInteger(schema) && schema < 2 ** 31 ? schema : null],
  );
}

export function syncRoutes(app: FastifyInstance, deps: { db: Db; hub: StreamHub }): void {
  const { db, hub } = deps;

  app.get('/sync/v1/:collection/pull', { config: { access: 'device' } }, async (req) => {
    checkClientSchema(req);
    const collection = collectionParam(req);
    const p = await authenticate(db, req);
    requireDevice(p);
    const q = parseInput(PullQuery, req.query, 'pull query');
    await noteDeviceHeaders(db, req, p);
    return pullPage(db, p.tenantId, collection, q.checkpoint, q.limit, { deviceId: p.deviceId });
  });

  app.post('/sync/v1/:collection/push', { config: { access: 'device-handover' } }, async (req) => {
    checkClientSchema(req);
    const collection = collectionParam(req);
    // A retired device may still hand over its unsent documents after revocation.
    const p = await authenticate(db, req, { allowHandover: true });
    requireDevice(p);
    if (!devicePushable(collection, p.role))
      throw forbidden(
        collection === 'customer_insights'
          ? 'Customer insights are computed by the server; devices cannot change them.'
          : `Only a manager's device may change ${collection.replace(/_/g, ' ')}.`,
      );
    const body = parseInput(PushBody, req.body, 'push body');
    await noteDeviceHeaders(db, req, p);
    const result = await pushBatch(db, { tenantId: p.tenantId, deviceId: p.deviceId }, collection, body.rows);
    if (body.rows.length > 0) req.log.info({ collection, rows: body.rows.length, conflicts: result.conflicts.length, device: p.deviceId }, 'push');
    return { conflicts: result.conflicts };
  });

  app.get('/sync/v1/stream', { config: { access: 'device' } }, async (req, reply) => {
    checkClientSchema(req);
    const p = await authenticate(db, req);
    requireDevice(p);
    await noteDeviceHeaders(db, req, p);
    reply.hijack();
    const res = reply.raw;
    // A hijacked reply skips Fastify's header handling: carry over what the hooks set (CORS,
    // which the desktop app's own origin needs to read the stream).
    for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) res.setHeader(name, value);
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const send = (m: StreamMessage) => {
      if (!res.writableEnded) res.write(`data: ${JSON.stringify(m)}\n\n`);
    };
    const heartbeat = setInterval(() => {
      if (!res.writableEnded) res.write(': keep-alive\n\n');
    }, 20_000);
    const close = () => {
      clearInterval(heartbeat);
      unsubscribe();
      if (!res.writableEnded) res.end();
    };
    const unsubscribe = hub.subscribe({ tenantId: p.tenantId, deviceId: p.deviceId, send, close });
    req.raw.on('close', close);
  });
}
