import { newId } from '@cellardoor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALLOWED, type Access, CALLERS, type Caller, type RouteEntry, routeTable } from '../src/auth/route-access';
import { DRIVER, type TestServer, startTestServer } from './harness';
import { type TenantPeople, demoPeople } from './people';

/**
 * The role matrix: every route in Fastify's route table × every kind of caller. Each route
 * declares its access next to its handler; this test proves the server enforces exactly that,
 * and fails for a route that declares nothing, so new routes are covered the day they are added.
 */

/** Declarations that must not be weakened without this test changing too. */
const CRITICAL: Record<string, Access> = {
  'GET /api/v1/audit': 'owner',
  'POST /api/v1/customers/merge': 'manager',
  'POST /api/v1/customers/merges/:id/undo': 'manager',
  'DELETE /api/v1/customers/:id': 'manager',
  'POST /api/v1/customers/:id/export': 'manager',
  'GET /api/v1/customers/:id/history': 'manager',
  'GET /api/v1/customers/duplicates': 'manager',
  'POST /api/v1/devices': 'manager',
  'POST /api/v1/devices/:id/revoke': 'manager',
  'GET /sync/v1/:collection/pull': 'device',
  'POST /sync/v1/:collection/push': 'device-handover',
  'GET /sync/v1/stream': 'device',
};

/** Routes whose effect would spoil the rest of the matrix (signing out) run last. */
const LAST = new Set(['POST /api/v1/auth/logout']);

const keyOf = (r: RouteEntry) => `${r.method} ${r.url}`;

function concretePath(url: string): string {
  return url.replace(/:collection/g, 'customers').replace(/:[A-Za-z]+/g, () => newId());
}

async function probe(base: string, method: string, path: string, token: string | null): Promise<{ status: number; code: string | null }> {
  const controller = new AbortController();
  const res = await fetch(base + path, {
    method,
    signal: controller.signal,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(method === 'GET' || method === 'HEAD' ? {} : { 'content-type': 'application/json' }) },
    ...(method === 'GET' || method === 'HEAD' ? {} : { body: '{}' }),
  });
  // The event stream never ends by itself: its status is all the matrix needs.
  if ((res.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    controller.abort();
    return { status: res.status, code: null };
  }
  const text = await res.text();
  let code: string | null = null;
  try {
    code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? null;
  } catch {
    /* not JSON */
  }
  return { status: res.status, code };
}

describe(`route access: the role matrix (${DRIVER})`, () => {
  let server: TestServer;
  let people: TenantPeople;
  let routes: RouteEntry[];

  beforeAll(async () => {
    server = await startTestServer();
    people = await demoPeople(server);
    routes = routeTable(server.app).filter((r) => r.method !== 'HEAD' && /^\/(api|sync)\/|^\/health$/.test(r.url));
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('finds the routes and every one declares who may call it', () => {
    expect(routes.length).toBeGreaterThan(15);
    const undeclared = routes.filter((r) => !r.access).map(keyOf);
    expect(undeclared, 'routes without { config: { access } }').toEqual([]);
  });

  it('keeps the critical routes at their declared access', () => {
    const declared = new Map(routes.map((r) => [keyOf(r), r.access]));
    for (const [route, access] of Object.entries(CRITICAL)) expect(declared.get(route), route).toBe(access);
  });

  it('answers every route for every caller as its declaration says: 401 without a token, 403 for the wrong role', async () => {
    const tokens: Record<Caller, string | null> = {
      none: null,
      'staff-device': people.staffDevice.token,
      'manager-device': people.managerDevice.token,
      'staff-user': people.staff.token,
      'manager-user': people.manager.token,
      'owner-user': people.owner.token,
    };
    const ordered = [...routes.filter((r) => !LAST.has(keyOf(r))), ...routes.filter((r) => LAST.has(keyOf(r)))];
    const mismatches: string[] = [];
    let probes = 0;
    for (const route of ordered) {
      const path = concretePath(route.url);
      for (const caller of CALLERS) {
        const { status, code } = await probe(server.url, route.method, path, tokens[caller]);
        probes++;
        const allowed = ALLOWED[route.access!].includes(caller);
        const expected = allowed ? 'not 401/403' : caller === 'none' ? '401 UNAUTHENTICATED' : '403 FORBIDDEN';
        const ok = allowed
          ? status !== 401 && status !== 403
          : caller === 'none'
            ? status === 401 && code === 'UNAUTHENTICATED'
            : status === 403 && code === 'FORBIDDEN';
        if (!ok) mismatches.push(`${keyOf(route)} as ${caller}: expected ${expected}, got ${status} ${code ?? ''}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(probes).toBe(routes.length * CALLERS.length);
  });
});
