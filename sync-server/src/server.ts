import type { FastifyInstance } from 'fastify';
import { type App, buildApp } from './app';
import type { Config } from './config';
import type { Db } from './db/driver';
import { migrate } from './db/migrate';
import { openDatabase } from './db/open';
import { ensureDemoTenant } from './tenants/demo-seed';

export interface RunningServer {
  app: FastifyInstance;
  hub: App['hub'];
  db: Db;
  url: string;
  /** Stops taking requests, lets in-flight ones (pushes) finish, then closes the database. */
  close(): Promise<void>;
}

/** Opens the database, migrates it, seeds the demo tenant if asked, and listens. */
export async function startServer(config: Config, opts: { db?: Db; logger?: boolean | object } = {}): Promise<RunningServer> {
  const db = opts.db ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  await migrate(db);
  if (config.seedDemo) await ensureDemoTenant(db);
  const { app, hub } = await buildApp({ db, config, ...(opts.logger !== undefined ? { logger: opts.logger } : {}) });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  let closing: Promise<void> | null = null;
  return {
    app,
    hub,
    db,
    url,
    close() {
      // fastify.close() waits for in-flight requests; streams are ended by the hub on close.
      closing ??= (async () => {
        await app.close();
        if (!opts.db) await db.close();
      })();
      return closing;
    },
  };
}
