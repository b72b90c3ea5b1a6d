import { existsSync } from 'node:fs';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { enforceRouteAccess } from './auth/route-access';
import { authRoutes } from './auth/routes';
import type { Config } from './config';
import type { Db } from './db/driver';
import { deviceRoutes } from './devices/routes';
import { applyBodyLimits } from './http/body-limits';
import { clientErrorHandler } from './http/client-errors';
import { HttpError } from './http/errors';
import { logRefusal } from './http/refusal-log';
import { requestForLog } from './http/log-redaction';
import { registerExtensions } from './extensions';
import { syncRoutes } from './sync/routes';
import { StreamHub } from './sync/stream-hub';

export interface AppDeps {
  db: Db;
  config: Pick<Config, 'sessionHours' | 'bodyLimitBytes' | 'rendererDir' | 'logLevel' | 'trustProxy'>;
  logger?: FastifyServerOptions['logger'];
}

export interface App {
  app: FastifyInstance;
  hub: StreamHub;
}

/** Builds the HTTP server: plugins first, then routes, then the renderer's files if built. */
export async function buildApp(deps: AppDeps): Promise<App> {
  const app = Fastify({
    // Options a caller passes (a test's capturing stream) keep the redacting request serializer.
    logger: deps.logger === false ? false : { level: deps.config.logLevel, serializers: { req: requestForLog }, ...(typeof deps.logger === 'object' ? deps.logger : {}) },
    bodyLimit: deps.config.bodyLimitBytes,
    // Ids in URLs are UUIDs; nothing legitimate is longer.
    routerOptions: { maxParamLength: 200 },
    // Only behind a proxy that sets X-Forwarded-For: trusting it otherwise lets a client pick the
    // address that sign-in rate limits count.
    trustProxy: deps.config.trustProxy ?? false,
    clientErrorHandler,
  });
  // Before any route is added, so every route gets its size limit.
  applyBodyLimits(app, deps.config.bodyLimitBytes);
  const hub = new StreamHub();
  await hub.start(deps.db);

  await app.register(cors, { origin: true, methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], maxAge: 600 });
  await app.register(rateLimit, { global: false });
  // Before any route: every route declares who may call it, and one hook enforces it.
  enforceRouteAccess(app, deps.db);

  app.setErrorHandler((err, req, reply) => {
    if (err instanceof HttpError) {
      if (err.status >= 400 && err.status < 500) logRefusal(req, err.status, err.code, err.message);
      for (const [k, v] of Object.entries(err.extra.headers ?? {})) reply.header(k, v);
      return reply.code(err.status).send(err.toBody());
    }
    const e = err as { statusCode?: number; code?: string; message?: string };
    const status = typeof e.statusCode === 'number' ? e.statusCode : 500;
    if (status < 500) {
      const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 429 ? 'RATE_LIMITED' : 'BAD_REQUEST';
      const message =
        status === 413
          ? 'The request is too large.'
          : status === 429
            ? 'Too many requests: wait a minute and try again.'
            : `The request is not valid: ${e.message ?? 'unreadable body'}.`;
      logRefusal(req, status, code, e.message ?? code);
      return reply.code(status).send({ error: { code, message } });
    }
    req.log.error({ err }, 'request failed');
    return reply.code(500).send({ error: { code: 'INTERNAL', message: 'Something went wrong on the server; nothing was half-written. Try again.' } });
  });

  app.setNotFoundHandler((req, reply) => {
    logRefusal(req, 404, 'NOT_FOUND', 'no such route');
    reply.code(404).send({ error: { code: 'NOT_FOUND', message: `There is nothing at ${req.method} ${req.url.split('?')[0]}.` } });
  });

  app.get('/health', { config: { access: 'public' } }, async () => {
    await deps.db.query('SELECT 1');
    return { ok: true, database: deps.db.kind, streams: hub.size };
  });

  authRoutes(app, { db: deps.db, sessionHours: deps.config.sessionHours });
  deviceRoutes(app, { db: deps.db });
  syncRoutes(app, { db: deps.db, hub });
  await registerExtensions(app, deps.db);

  const rendererDir = deps.config.rendererDir;
  if (rendererDir && existsSync(rendererDir)) {
    await app.register(fastifyStatic, { root: rendererDir, wildcard: false });
    // Client-side routes (the app is a single page) fall back to index.html.
    app.get('/*', { config: { access: 'public' } }, (req, reply) => {
      if (req.url.startsWith('/api/') || req.url.startsWith('/sync/')) return reply.code(404).send({ error: { code: 'NOT_FOUND', message: 'Not found.' } });
      return reply.sendFile('index.html');
    });
  }

  // On shutdown, requests in flight finish; their connections then close instead of idling on
  // keep-alive (which would hold the process open), and streams, which never finish, are ended.
  let closing = false;
  app.addHook('onSend', async (_req, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  app.addHook('preClose', async () => {
    closing = true;
    await hub.stop();
  });
  return { app, hub };
}
