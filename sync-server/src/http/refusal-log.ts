import { createHmac, randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/**
 * One log line per refused request, for operators: which route (its pattern, never the concrete
 * URL with ids and query values), the status, a code and the reason in words. Reasons come from
 * validation messages, which name fields, never their values, so no guest's data reaches the log.
 * Warn for what suggests probing or a broken client (auth, oversized, rate-limited); info otherwise.
 */
export function logRefusal(req: FastifyRequest, status: number, code: string, reason: string): void {
  const entry = {
    refused: true,
    method: req.method,
    route: req.routeOptions?.url ?? 'unknown route',
    status,
    code,
    reason: reason.length > 300 ? `${reason.slice(0, 300)}…` : reason,
  };
  if (status === 401 || status === 403 || status === 413 || status === 429) req.log.warn(entry, 'request refused');
  else req.log.info(entry, 'request refused');
}

const ACCOUNT_KEY = randomBytes(32);

/**
 * Stands in for an email address in logs: the same address gives the same tag for the life of
 * the process (so repeated failed sign-ins against one account can be seen), and a keyed hash
 * with a key that never leaves memory cannot be turned back into the address.
 */
export function accountTag(email: string): string {
  return `acct-${createHmac('sha256', ACCOUNT_KEY).update(email).digest('hex').slice(0, 12)}`;
}
