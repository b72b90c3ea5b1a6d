import { type ApiError, HEADER_LAST_SEQ, HEADER_SCHEMA_VERSION, SCHEMA_VERSION } from '@cellardoor/shared';

export interface SyncEndpoint {
  serverUrl: string;
  deviceToken: string;
  /** The highest receipt sequence this device has issued (told to the server on every call). */
  lastSeq(): number;
}

/** A failed sync call, sorted by what the device should do about it. */
export class SyncHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError | null,
  ) {
    super(body?.error.message ?? `The server answered ${status}.`);
  }
  get code(): string {
    return this.body?.error.code ?? (this.status >= 500 ? 'UNAVAILABLE' : 'BAD_REQUEST');
  }
}

export type FetchLike = typeof fetch;

export function syncHeaders(e: SyncEndpoint, extra: Record<string, string> = {}): Record<string, string> {
  return {
    authorization: `Bearer ${e.deviceToken}`,
    [HEADER_SCHEMA_VERSION]: String(SCHEMA_VERSION),
    [HEADER_LAST_SEQ]: String(e.lastSeq()),
    ...extra,
  };
}

export async function syncRequest<T>(f: FetchLike, e: SyncEndpoint, method: 'GET' | 'POST', path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const res = await f(e.serverUrl.replace(/\/$/, '') + path, {
    method,
    headers: syncHeaders(e, body === undefined ? {} : { 'content-type': 'application/json' }),
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
  });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!res.ok) throw new SyncHttpError(res.status, (parsed as ApiError) ?? null);
  return parsed as T;
}
