import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/driver';
import { forbidden } from '../http/errors';
import { authenticate } from './authenticate';
import type { Principal } from './principal';

/**
 * Who may call a route. Every route declares one in its options (`{ config: { access: 'manager' } }`);
 * one hook enforces it before the handler runs, and the role-matrix test walks Fastify's route
 * table, so a route added without a declaration fails that test.
 */
export type Access =
  /** No token needed: sign-in, health, download links that carry their own token. */
  | 'public'
  /** Any signed-in person or enrolled device. */
  | 'signed-in'
  /** An enrolled device that is not revoked (replication). */
  | 'device'
  /** A device, or a revoked retired one handing over its unsent documents within the grace period. */
  | 'device-handover'
  /** A signed-in person of any role (staff, manager, owner); not a device. */
  | 'staff'
  /** A signed-in manager or owner; a device token is never enough for the manager console. */
  | 'manager'
  /** A signed-in owner: the audit log, user management. */
  | 'owner';

/** The kinds of caller the role matrix tells apart. */
export type Caller = 'none' | 'staff-device' | 'manager-device' | 'staff-user' | 'manager-user' | 'owner-user';
export const CALLERS: readonly Caller[] = ['none', 'staff-device', 'manager-device', 'staff-user', 'manager-user', 'owner-user'];

/** The role matrix: which callers each access level lets through. Everyone else gets 401 (no token) or 403. */
export const ALLOWED: Record<Access, readonly Caller[]> = {
  public: CALLERS,
  'signed-in': ['staff-device', 'manager-device', 'staff-user', 'manager-user', 'owner-user'],
  device: ['staff-device', 'manager-device'],
  'device-handover': ['staff-device', 'manager-device'],
  staff: ['staff-user', 'manager-user', 'owner-user'],
  manager: ['manager-user', 'owner-user'],
  owner: ['owner-user'],
};

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
}

export function callerOf(p: Principal): Caller {
  if (p.kind === 'device') return p.role === 'MANAGER' ? 'manager-device' : 'staff-device';
  return p.role === 'OWNER' ? 'owner-user' : p.role === 'MANAGER' ? 'manager-user' : 'staff-user';
}

const REFUSAL: Record<Exclude<Access, 'public' | 'signed-in'>, string> = {
  device: 'Replication needs a device token: enrol this device first.',
  'device-handover': 'Replication needs a device token: enrol this device first.',
  staff: 'This needs a person to sign in; a device token is not enough.',
  manager: 'This needs a manager to sign in; a device token or a staff login is not enough.',
  owner: 'Only an owner may do this.',
};

/** Resolves the caller and checks the route's access; the principal is kept on the request. */
export async function admit(db: Db, req: FastifyRequest, access: Access): Promise<Principal | null> {
  if (access === 'public') return null;
  const p = await authenticate(db, req, { allowHandover: access === 'device-handover' });
  if (access !== 'signed-in' && !ALLOWED[access].includes(callerOf(p))) throw forbidden(REFUSAL[access]);
  return p;
}

export interface RouteEntry {
  method: string;
  url: string;
  access: Access | undefined;
}

const tables = new WeakMap<FastifyInstance, RouteEntry[]>();

/** Every route registered on the app, with its declared access (for the role-matrix test). */
export function routeTable(app: FastifyInstance): readonly RouteEntry[] {
  return tables.get(app) ?? [];
}

/** Installs the access hook and the route table; call before any route is registered. */
export function enforceRouteAccess(app: FastifyInstance, db: Db): void {
  const table: RouteEntry[] = [];
  tables.set(app, table);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) table.push({ method, url: route.url, access: route.config?.access });
  });
  app.addHook('onRequest', async (req) => {
    const access = req.routeOptions.config?.access;
    if (!access) return;
    const p = await admit(db, req, access);
    if (p) req.principal = p;
  });
}
