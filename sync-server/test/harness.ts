import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Config } from '../src/config';
import type { Db } from '../src/db/driver';
import { openPglite } from '../src/db/pglite-driver';
import { openPostgres } from '../src/db/postgres-driver';
import { type RunningServer, startServer } from '../src/server';
import { DEMO } from '../src/tenants/demo-seed';

/**
 * The server suite runs on embedded PGlite by default and on a real PostgreSQL when
 * TEST_DATABASE_URL points at one (CI runs both). Each test file gets a fresh database of its own,
 * dropped afterwards.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;
export const DRIVER: 'pglite' | 'postgres' = TEST_DATABASE_URL ? 'postgres' : 'pglite';

export interface TestDatabase {
  db: Db;
  /** For a second server process on the same database (postgres only). */
  url: string | null;
  drop(): Promise<void>;
}

export async function freshDatabase(): Promise<TestDatabase> {
  if (!TEST_DATABASE_URL) {
    const db = await openPglite(null);
    return { db, url: null, drop: () => db.close() };
  }
  const name = `cellardoor_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString());
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.close();
      const a = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    databaseUrl: undefined,
    port: 0,
    host: '127.0.0.1',
    dataDir: null,
    logLevel: 'silent',
    seedDemo: true,
    rendererDir: undefined,
    sessionHours: 12,
    bodyLimitBytes: 8 * 1024 * 1024,
    ...overrides,
  };
}

export interface TestServer extends RunningServer {
  database: TestDatabase;
  stop(): Promise<void>;
}

export async function startTestServer(opts: { database?: TestDatabase; config?: Partial<Config> } = {}): Promise<TestServer> {
  const database = opts.database ?? (await freshDatabase());
  const server = await startServer(testConfig(opts.config), { db: database.db, logger: false });
  return {
    ...server,
    database,
    async stop() {
      await server.close();
      if (!opts.database) await database.drop();
    },
  };
}

/** A small typed HTTP client for tests. */
export class Client {
  constructor(
    readonly base: string,
    public token: string | null = null,
  ) {}

  async request<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T; headers: Headers }> {
    const res = await fetch(this.base + path, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* CSV and other text bodies stay text */
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get<T = unknown>(path: string, headers?: Record<string, string>) {
    return this.request<T>('GET', path, undefined, headers);
  }
  post<T = unknown>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body ?? {}, headers);
  }
}

export async function managerClient(base: string, email: string = DEMO.email, password: string = DEMO.password): Promise<Client> {
  const c = new Client(base);
  const res = await c.post<{ token: string }>('/api/v1/auth/login', { email, password });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  c.token = res.body.token;
  return c;
}

export async function enrolDevice(manager: Client, name = 'Test tablet', extra: Record<string, unknown> = {}) {
  const res = await manager.post<{ deviceId: string; deviceToken: string; deviceNumber: number; tenantId: string }>('/api/v1/devices', { name, ...extra });
  if (res.status !== 201) throw new Error(`enrolment failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { ...res.body, client: new Client(manager.base, res.body.deviceToken) };
}
