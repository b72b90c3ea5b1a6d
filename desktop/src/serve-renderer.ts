import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { PACKAGED_ORIGIN, originOf } from './app-origin';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves the renderer's built files on app://cellardoor/ from `rendererDir` and nowhere else:
 * a path that resolves outside the folder (`..`, encoded or not) is not found, only GET and HEAD
 * are answered, and every answer carries the app's Content Security Policy.
 */
export function serveRenderer(rendererDir: string, currentPolicy: () => string): (request: Request) => Promise<Response> {
  const root = resolve(rendererDir);
  const headersFor = (type: string) => ({
    'content-type': type,
    'content-security-policy': currentPolicy(),
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-cache',
  });
  const notFound = () => new Response('Not found', { status: 404, headers: headersFor('text/plain; charset=utf-8') });

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405, headers: headersFor('text/plain; charset=utf-8') });
    }
    if (originOf(request.url) !== PACKAGED_ORIGIN) return notFound();
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(request.url).pathname);
    } catch {
      return notFound();
    }
    if (pathname.includes('\0')) return notFound();
    const file = resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`);
    if (!file.startsWith(root + sep)) return notFound();
    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return notFound();
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers: headersFor(type) });
  };
}
