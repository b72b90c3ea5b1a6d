/**
 * Where the renderer comes from. Packaged, the shell serves `renderer/dist` itself on the
 * privileged `app://cellardoor` origin; with `CELLARDOOR_START_URL` it loads the sync server
 * that serves the same files (what `npm start` does).
 */
export const APP_SCHEME = 'app';
export const PACKAGED_ORIGIN = `${APP_SCHEME}://cellardoor`;
export const PACKAGED_START_URL = `${PACKAGED_ORIGIN}/index.html`;

/**
 * `scheme://host[:port]` of a URL, or null for anything without a network-style origin
 * (data:, file:, about:, javascript:). Node's URL gives "null" as the origin of non-special
 * schemes such as app:, so the origin is composed here.
 */
export function originOf(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:' && u.protocol !== `${APP_SCHEME}:`) return null;
  if (!u.host) return null;
  return `${u.protocol}//${u.host}`.toLowerCase();
}

export interface StartLocation {
  /** What the window loads. */
  startUrl: string;
  /** The only origin the window may navigate within and the only one whose frames may call the bridge. */
  appOrigin: string;
  /** True when the shell serves the renderer's built files itself on app://. */
  servesPackagedRenderer: boolean;
}

export class StartUrlError extends Error {}

/** Reads `CELLARDOOR_START_URL`; without it the packaged renderer is served on app://. */
export function resolveStartLocation(env: Record<string, string | undefined>): StartLocation {
  const configured = env.CELLARDOOR_START_URL?.trim();
  if (!configured) return { startUrl: PACKAGED_START_URL, appOrigin: PACKAGED_ORIGIN, servesPackagedRenderer: true };
  const origin = originOf(configured);
  if (!origin || origin.startsWith(`${APP_SCHEME}:`)) {
    throw new StartUrlError(`CELLARDOOR_START_URL must be an http(s) address such as http://127.0.0.1:8787, not "${configured}".`);
  }
  return { startUrl: configured, appOrigin: origin, servesPackagedRenderer: false };
}
