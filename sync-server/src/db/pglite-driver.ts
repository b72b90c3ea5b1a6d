import { mkdirSync } from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Db, Queryable } from './driver';
import { PG_TYPES, toSafeNumber } from './driver';

/** Embedded PostgreSQL (WASM) in a data folder, or in memory when no folder is given. */
export async function openPglite(dataDir: string | null): Promise<Db> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pg = await PGlite.create(dataDir ?? undefined, {
    parsers: { [PG_TYPES.INT8]: toSafeNumber, [PG_TYPES.NUMERIC]: toSafeNumber },
  });
  const wrap = (q: PGlite | Transaction): Queryable => ({
    async query<R extends object>(sql: string, params: readonly unknown[] = []) {
      const res = await q.query<R>(sql, params as unknown[]);
      return res.rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  return {
    kind: 'pglite',
    ...wrap(pg),
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    // Embedded: the listener lives in this process and cannot be cut off, so onReset never fires.
    async listen(channel, onPayload) {
      const unsubscribe = await pg.listen(channel, onPayload);
      return async () => unsubscribe();
    },
    close: () => pg.close(),
  };
}
