/**
 * The renderer's Content Security Policy. Scripts and styles only from the app's own files, never
 * inline and never eval (React's style props go through the CSSOM, which the policy does not
 * restrict); images from the app, data: and blob: (receipt logos, generated PDFs); no plugins,
 * frames, forms posting elsewhere or <base>.
 * `connect` lists where fetch and EventSource may go: the enrolled sync server, or — while the
 * tablet is not enrolled and so holds no token — any http(s) server a manager types in.
 */
export type ConnectSources = { kind: 'enrolled'; origins: string[] } | { kind: 'enrolling' };

export function contentSecurityPolicy(connect: ConnectSources): string {
  const connectSrc = connect.kind === 'enrolling' ? ["'self'", 'http:', 'https:'] : ["'self'", ...new Set(connect.origins)];
  const directives: Array<[string, string[]]> = [
    ['default-src', ["'none'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', connectSrc],
    ['worker-src', ["'self'", 'blob:']],
    ['manifest-src', ["'self'"]],
    ['media-src', ["'none'"]],
    ['object-src', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['child-src', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['form-action', ["'none'"]],
    ['base-uri', ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

/**
 * The response headers with our policy added. A policy the server already sent is kept: each
 * policy is enforced, so a second one can only narrow what the page may do, never widen it.
 */
export function withContentSecurityPolicy(headers: Record<string, string[]> | undefined, policy: string): Record<string, string[]> {
  const out: Record<string, string[]> = { ...(headers ?? {}) };
  const existing = Object.keys(out).find((k) => k.toLowerCase() === 'content-security-policy');
  if (existing) out[existing] = [...(out[existing] ?? []), policy];
  else out['Content-Security-Policy'] = [policy];
  return out;
}

export interface HeaderRewritingSession {
  webRequest: {
    onHeadersReceived(
      listener: (
        details: { responseHeaders?: Record<string, string[]> },
        callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
      ) => void,
    ): void;
  };
}

/** Adds the policy to every response the session receives (pages, workers, API answers alike). */
export function enforceContentSecurityPolicy(session: HeaderRewritingSession, currentPolicy: () => string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, currentPolicy()) });
  });
}
