import type { ApiError } from '@cellardoor/shared';
import { useMemo } from 'react';
import { type ConsoleSession, useConsoleSession } from './console-session';

/** A refused or failed console call, with the server's own sentence when it gave one. */
export class ConsoleError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export async function readError(res: Response): Promise<ConsoleError> {
  let body: ApiError | null = null;
  try {
    body = (await res.json()) as ApiError;
  } catch {
    body = null;
  }
  const e = body?.error;
  return new ConsoleError(res.status, e?.code ?? 'ERROR', e?.message ?? `The server answered ${res.status}.`, e?.details);
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query: Query = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/**
 * Every console call: the manager's session token, one error shape, and a plain sentence when the
 * network is gone. A 401 means the session ended (expired, signed out elsewhere), so it is dropped
 * and the console asks to sign in again.
 */
export async function consoleFetch(session: ConsoleSession, path: string, init: RequestInit = {}): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(session.serverUrl + path, {
      ...init,
      headers: { ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers, authorization: `Bearer ${session.token}` },
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ConsoleError(0, 'OFFLINE', 'Cannot reach the server. The manager console needs the network; check the Wi-Fi and try again.');
  }
  if (res.status === 401) {
    const e = await readError(res);
    useConsoleSession.getState().end('Your console sign-in has ended. Sign in again to go on.');
    throw e;
  }
  if (!res.ok) throw await readError(res);
  return res;
}

export interface ConsoleApi {
  session: ConsoleSession;
  get<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T>;
  post<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
  del<T>(path: string): Promise<T>;
  /** The raw response, for CSV downloads. */
  raw(path: string, query?: Query): Promise<Response>;
}

export function consoleApi(session: ConsoleSession): ConsoleApi {
  const json = async <T>(res: Response): Promise<T> => {
    const text = await res.text();
    return (text ? JSON.parse(text) : null) as T;
  };
  return {
    session,
    get: async (path, query, signal) => json(await consoleFetch(session, withQuery(path, query), { signal })),
    post: async (path, body, signal) => json(await consoleFetch(session, path, { method: 'POST', body: JSON.stringify(body), signal })),
    put: async (path, body) => json(await consoleFetch(session, path, { method: 'PUT', body: JSON.stringify(body) })),
    del: async (path) => json(await consoleFetch(session, path, { method: 'DELETE' })),
    raw: (path, query) => consoleFetch(session, withQuery(path, query)),
  };
}

/** The signed-in manager's API; only rendered inside the console layout, which guarantees a session. */
export function useConsoleApi(): ConsoleApi {
  const session = useConsoleSession((s) => s.session);
  if (!session) throw new Error('useConsoleApi outside a signed-in console');
  // One object per session, so effects that depend on it run again only when the session changes.
  return useMemo(() => consoleApi(session), [session]);
}
