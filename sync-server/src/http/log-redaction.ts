import type { FastifyRequest } from 'fastify';

/**
 * Query parameters whose values say nothing about a person and may be logged. Every other value
 * is replaced: credentials (export download links' `token`) and anything a search could carry (a
 * guest's name, email or phone) never reach the logs.
 */
const LOGGABLE_PARAMS = new Set(['limit', 'checkpoint', 'format', 'asOf', 'date', 'venueId', 'months', 'top', 'n']);

/** The request URL with every query value that is not known to be harmless replaced, for logs. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  const out = new URLSearchParams();
  let changed = false;
  for (const [k, v] of params) {
    const keep = LOGGABLE_PARAMS.has(k);
    if (!keep) changed = true;
    out.append(k.length > 40 ? `${k.slice(0, 40)}…` : k, keep ? v.slice(0, 80) : 'REDACTED');
  }
  return changed ? `${url.slice(0, q)}?${out.toString()}` : url;
}

/** Pino's request serializer without credentials in the URL (headers are not logged at all). */
export function requestForLog(req: FastifyRequest): Record<string, unknown> {
  return { method: req.method, url: redactUrl(req.url), host: req.host, remoteAddress: req.ip };
}
