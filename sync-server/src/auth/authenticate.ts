import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/driver';
import { HttpError, forbidden, unauthenticated } from '../http/errors';
import { type Principal, type Role, hasRole } from './principal';
import { hashToken, tokenKind } from './tokens';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

function bearer(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m ? m[1]! : null;
}

interface DeviceRow {
  tenant_id: string;
  id: string;
  number: number;
  role: 'STAFF' | 'MANAGER';
  venue_id: string | null;
  revoked_at: Date | null;
  revoke_allows_handover: boolean | null;
  handover_open: boolean | null;
}

/** How long a retired (revoked with handover) device may still push its unsent documents. */
export const HANDOVER_DAYS = 7;

/**
 * Resolves the bearer token to a principal. A revoked device gets 401 DEVICE_REVOKED, which makes
 * the app wipe its local data; `allowHandover` lets a retired (not stolen) device push its unsent
 * documents first.
 */
export async function authenticate(db: Db, req: FastifyRequest, opts: { allowHandover?: boolean } = {}): Promise<Principal> {
  // The route-access hook has already resolved this request's caller.
  if (req.principal) return req.principal;
  const token = bearer(req);
  if (!token) throw unauthenticated('Sign in first: this needs an Authorization: Bearer token.');
  const kind = tokenKind(token);
  const hash = hashToken(token);
  if (kind === 'session') {
    const rows = await db.query<{ tenant_id: string; user_id: string; role: Role; email: string }>(
      `SELECT s.tenant_id, s.user_id, u.role, u.email
         FROM sessions s JOIN users u ON u.tenant_id = s.tenant_id AND u.id = s.user_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()`,
      [hash],
    );
    const r = rows[0];
    if (!r) throw unauthenticated();
    return { kind: 'user', tenantId: r.tenant_id, userId: r.user_id, role: r.role, email: r.email };
  }
  if (kind === 'device') {
    const rows = await db.query<DeviceRow>(
      `UPDATE devices SET last_seen_at = now() WHERE token_hash = $1
       RETURNING tenant_id, id, number, role, venue_id, revoked_at, revoke_allows_handover,
                 revoked_at > now() - make_interval(days => $2) AS handover_open`,
      [hash, HANDOVER_DAYS],
    );
    const d = rows[0];
    if (!d) throw unauthenticated('This device is not enrolled here: enrol it again with a manager login.');
    if (d.revoked_at) {
      // A stolen device gets nothing; a retired one may only push, and only for HANDOVER_DAYS.
      const handover = d.revoke_allows_handover === true && d.handover_open;
      if (!(handover && opts.allowHandover))
        throw new HttpError(401, 'DEVICE_REVOKED', 'This device was removed by a manager; its local data will be wiped.', {
          details: { wipe: true, handover },
        });
    }
    return {
      kind: 'device',
      tenantId: d.tenant_id,
      deviceId: d.id,
      deviceNumber: d.number,
      role: d.role,
      venueId: d.venue_id,
      ...(d.revoked_at ? { handingOver: true as const } : {}),
    };
  }
  throw unauthenticated();
}

export function requireRole(p: Principal, role: Role): void {
  if (!hasRole(p, role)) throw forbidden(`This needs the ${role.toLowerCase()} role.`);
}

/** Manager console routes need a signed-in manager (or owner), never a device token. */
export function requireManagerUser(p: Principal): asserts p is Extract<Principal, { kind: 'user' }> {
  if (p.kind !== 'user') throw forbidden('This needs a manager to sign in; a device token is not enough.');
  requireRole(p, 'MANAGER');
}

export function requireDevice(p: Principal): asserts p is Extract<Principal, { kind: 'device' }> {
  if (p.kind !== 'device') throw forbidden('Replication needs a device token: enrol this device first.');
}
