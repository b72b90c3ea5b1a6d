import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../db/driver';
import { HttpError, parseInput, unauthenticated } from '../http/errors';
import { accountTag } from '../http/refusal-log';
import { authenticate } from './authenticate';
import { dummyHash, verifyPassword } from './passwords';
import { hashToken, newToken } from './tokens';

const Login = z.strictObject({
  email: z.string().min(3).max(254),
  password: z.string().min(1).max(200),
});

// After this many failures in a row the account locks for LOCK_MINUTES.
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

export function authRoutes(app: FastifyInstance, deps: { db: Db; sessionHours: number }): void {
  const { db } = deps;

  app.post(
    '/api/v1/auth/login',
    { config: { access: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const body = parseInput(Login, req.body, 'sign-in');
      const email = body.email.trim().toLowerCase();
      const [user] = await db.query<{ tenant_id: string; id: string; role: string; name: string; password_hash: string; locked_until: Date | null }>(
        'SELECT tenant_id, id, role, name, password_hash, locked_until FROM users WHERE email = $1',
        [email],
      );
      if (user?.locked_until && user.locked_until > new Date()) {
        req.log.warn({ account: accountTag(email) }, 'login refused: account locked');
        throw new HttpError(423, 'LOCKED', `Too many failed sign-ins: this account is locked until ${user.locked_until.toISOString()}.`, {
          details: { lockedUntil: user.locked_until.toISOString() },
          headers: { 'retry-after': String(Math.max(1, Math.ceil((user.locked_until.getTime() - Date.now()) / 1000))) },
        });
      }
      const ok = await verifyPassword(user?.password_hash ?? (await dummyHash()), body.password);
      if (!user || !ok) {
        if (user)
          await db.query(
            `UPDATE users SET failed_logins = failed_logins + 1,
                    locked_until = CASE WHEN failed_logins + 1 >= $3 THEN now() + make_interval(mins => $4) END
              WHERE tenant_id = $1 AND id = $2`,
            [user.tenant_id, user.id, MAX_FAILED_LOGINS, LOCK_MINUTES],
          );
        req.log.warn({ account: accountTag(email) }, 'login refused: wrong email or password');
        throw unauthenticated('The email or password is not right.');
      }
      await db.query('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE tenant_id = $1 AND id = $2', [user.tenant_id, user.id]);
      const { token, hash } = newToken('session');
      const expiresAt = new Date(Date.now() + deps.sessionHours * 3600_000);
      await db.query('INSERT INTO sessions (token_hash, tenant_id, user_id, expires_at) VALUES ($1, $2, $3, $4)', [hash, user.tenant_id, user.id, expiresAt]);
      reply.header('cache-control', 'no-store');
      return { token, expiresAt: expiresAt.toISOString(), user: { id: user.id, name: user.name, email, role: user.role }, tenantId: user.tenant_id };
    },
  );

  app.post('/api/v1/auth/logout', { config: { access: 'signed-in' } }, async (req) => {
    const p = await authenticate(db, req);
    if (p.kind === 'user') {
      const token = (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
      await db.query('UPDATE sessions SET revoked_at = now() WHERE token_hash = $1', [hashToken(token)]);
    }
    return { ok: true };
  });

  app.get('/api/v1/auth/me', { config: { access: 'signed-in' } }, async (req) => {
    const p = await authenticate(db, req);
    return { principal: p };
  });
}
