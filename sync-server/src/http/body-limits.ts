import type { FastifyInstance } from 'fastify';

/**
 * Request size limits per route, so a caller cannot make the server read and parse megabytes
 * where a few kilobytes are all a legitimate request holds. A route that declares its own
 * `bodyLimit` keeps it (the unsent-file import); the rest get one by what they carry:
 * - sign-in and sessions: a few fields;
 * - replication pushes: up to 500 documents, sales with their lines (the configured limit);
 * - everything else (the manager console's JSON): a modest form's worth.
 */
export const BODY_LIMITS = {
  auth: 8 * 1024,
  console: 256 * 1024,
} as const;

export function bodyLimitFor(url: string, configured: number): number {
  if (url.startsWith('/api/v1/auth/')) return BODY_LIMITS.auth;
  if (/^\/sync\/v1\/[^/]+\/push$/.test(url)) return configured;
  return Math.min(BODY_LIMITS.console, configured);
}

/** Registered before any route: assigns each route its limit as it is added. */
export function applyBodyLimits(app: FastifyInstance, configured: number): void {
  app.addHook('onRoute', (route) => {
    if (route.bodyLimit === undefined) route.bodyLimit = bodyLimitFor(route.url ?? route.path ?? '', configured);
  });
}
