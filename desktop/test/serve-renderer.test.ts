import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serveRenderer } from '../src/serve-renderer';
import { temporaryFolder } from './fakes';

let folder: Awaited<ReturnType<typeof temporaryFolder>>;
let serve: (request: Request) => Promise<Response>;
beforeEach(async () => {
  folder = await temporaryFolder();
  const dist = join(folder.path, 'renderer', 'dist');
  await mkdir(join(dist, 'assets'), { recursive: true });
  await writeFile(join(dist, 'index.html'), '<!doctype html><title>Cellardoor</title>');
  await writeFile(join(dist, 'assets', 'index-abc.js'), 'console.log(1)');
  await writeFile(join(dist, 'assets', 'index-abc.css'), 'body{}');
  await writeFile(join(folder.path, 'secret.txt'), 'the device token');
  await writeFile(join(folder.path, 'renderer', 'dist-secret.txt'), 'next door');
  serve = serveRenderer(dist, () => "default-src 'none'");
});
afterEach(() => folder.remove());

const get = (url: string, method = 'GET') => serve(new Request(url, { method }));

describe('the app:// origin', () => {
  it('serves the app with its policy', async () => {
    for (const url of ['app://cellardoor/', 'app://cellardoor/index.html']) {
      const res = await get(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toBe("default-src 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await res.text()).toContain('<title>Cellardoor</title>');
    }
  });

  it('serves assets with their types', async () => {
    expect((await get('app://cellardoor/assets/index-abc.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get('app://cellardoor/assets/index-abc.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it.each([
    'app://cellardoor/../secret.txt',
    'app://cellardoor/%2e%2e/secret.txt',
    'app://cellardoor/..%2fsecret.txt',
    'app://cellardoor/..%2f..%2fsecret.txt',
    'app://cellardoor/assets/..%2f..%2f..%2fsecret.txt',
    'app://cellardoor/..%5csecret.txt',
    'app://cellardoor/..%2fdist-secret.txt',
    'app://cellardoor/%00index.html',
    'app://cellardoor/%E0%A4%A',
    'app://cellardoor/missing.js',
    'app://cellardoor/assets',
    'app://elsewhere/index.html',
  ])('finds nothing at %s', async (url) => {
    const res = await get(url);
    expect(res.status).toBe(404);
    expect(await res.text()).toBe('Not found');
  });

  it('answers only GET and HEAD', async () => {
    expect((await get('app://cellardoor/index.html', 'POST')).status).toBe(405);
    const head = await get('app://cellardoor/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
