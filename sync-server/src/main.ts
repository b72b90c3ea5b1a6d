import { loadConfig } from './config';
import { DEMO } from './tenants/demo-seed';
import { startServer } from './server';

const config = loadConfig();
const server = await startServer(config);
server.app.log.info({ url: server.url, database: server.db.kind, dataDir: config.databaseUrl ? undefined : config.dataDir }, 'listening');
// One plain line for people and for scripts that start the server, whatever the log level.
console.log(`Cellardoor sync server listening on ${server.url} (${server.db.kind}${config.databaseUrl ? '' : ` in ${config.dataDir ?? 'memory'}`})`);
if (config.seedDemo) console.log(`Demo manager login: ${DEMO.email} / ${DEMO.password}`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        server.app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
