import type { FastifyRequest } from 'fastify';

/** Query parameters that are credentials (export download links) and must never reach the logs. */
const SECRET_PARAMS = ['token'];

/** The request URL with credential parameters replaced, for logs. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  let changed = false;
  for (const p of SECRET_PARAMS)
    if (params.has(p)) {
      params.set(p, 'REDACTED');
      changed = true;
    }
  return changed ? `${url.slice(0, q)}?${params.toString()}` : url;
}

/** Pino's request serializer without credentials in the URL (headers are not logged at all). */
export function requestForLog(req: FastifyRequest): Record<string, unknown> {
  return { method: req.method, url: redactUrl(req.url), host: req.host, remoteAddress: req.ip };
}
