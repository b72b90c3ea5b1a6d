import type { Db } from './driver';
import { openPglite } from './pglite-driver';
import { openPostgres } from './postgres-driver';

/** DATABASE_URL selects a real server; otherwise embedded PGlite in the data folder. */
export async function openDatabase(opts: { databaseUrl?: string | undefined; dataDir: string | null }): Promise<Db> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  return openPglite(opts.dataDir);
}
