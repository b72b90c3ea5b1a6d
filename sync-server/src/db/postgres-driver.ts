import pg from 'pg';
import type { Db, Queryable } from './driver';
import { PG_TYPES, toSafeNumber } from './driver';

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === PG_TYPES.INT8 || oid === PG_TYPES.NUMERIC) return (v: string) => toSafeNumber(v);
    return pg.types.getTypeParser(oid, format);
  },
};

/** A real PostgreSQL server through a connection pool. */
export async function openPostgres(url: string, poolSize = 10): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types, application_name: 'cellardoor-sync' });
  // An idle client that loses its connection must not take the process down.
  pool.on('error', () => undefined);
  await pool.query('select 1');
  const wrap = (c: pg.Pool | pg.PoolClient): Queryable => ({
    async query<R extends object>(sql: string, params: readonly unknown[] = []) {
      const res = await c.query<R>(sql, params as unknown[]);
      return res.rows;
    },
    async exec(sql: string) {
      await c.query(sql);
    },
  });
  let listener: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  let closed = false;
  const handlers = new Map<string, Set<(payload: string) => void>>();
  const resets = new Set<() => void>();

  // One connection LISTENs for the whole process; when it drops it is re-established with
  // back-off, every channel is listened to again, and subscribers are told to resync.
  const connectListener = async (attempt = 0): Promise<pg.Client> => {
    const client = new pg.Client({ connectionString: url, types });
    client.on('notification', (n) => handlers.get(n.channel)?.forEach((h) => h(n.payload ?? '')));
    const lost = () => {
      if (closed || listener !== client) return;
      listener = null;
      connecting = reconnect(attempt + 1);
    };
    client.on('error', lost);
    client.on('end', lost);
    await client.connect();
    for (const channel of handlers.keys()) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    listener = client;
    return client;
  };
  const reconnect = async (attempt: number): Promise<pg.Client> => {
    for (;;) {
      await new Promise((r) => setTimeout(r, Math.min(30_000, 250 * 2 ** Math.min(attempt, 7))));
      if (closed) throw new Error('database closed');
      try {
        const c = await connectListener(attempt);
        resets.forEach((r) => r());
        return c;
      } catch {
        attempt++;
      }
    }
  };
  const ensureListener = () => (listener ? Promise.resolve(listener) : (connecting ??= connectListener()));

  return {
    kind: 'postgres',
    ...wrap(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async listen(channel, onPayload, onReset) {
      const client = await ensureListener();
      let set = handlers.get(channel);
      if (!set) {
        set = new Set();
        handlers.set(channel, set);
        await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      }
      set.add(onPayload);
      if (onReset) resets.add(onReset);
      return async () => {
        set.delete(onPayload);
        if (onReset) resets.delete(onReset);
      };
    },
    async close() {
      closed = true;
      const l = listener;
      listener = null;
      await l?.end().catch(() => undefined);
      await pool.end();
    },
  };
}
