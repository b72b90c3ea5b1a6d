import { describe, expect, it } from 'vitest';
import { PACKAGED_ORIGIN } from '../src/app-origin';
import { guardNavigation } from '../src/security/navigation-guard';
import { FakeContents } from './fakes';

function guarded(origin = PACKAGED_ORIGIN) {
  const contents = new FakeContents();
  const blocked: string[] = [];
  guardNavigation(contents, origin, (what, url) => blocked.push(`${what} ${url}`));
  return { contents, blocked };
}

describe('the navigation guard', () => {
  it('lets the app move within its own origin', () => {
    const { contents } = guarded();
    expect(contents.emit('will-navigate', `${PACKAGED_ORIGIN}/index.html#/checkout`)).toBe(false);
    expect(contents.emit('will-redirect', `${PACKAGED_ORIGIN}/index.html`)).toBe(false);
  });

  it.each([
    'https://evil.example.com/',
    'http://127.0.0.1:8787/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>1</script>',
    'app://other/index.html',
    'not a url',
  ])('blocks navigating or redirecting to %s', (url) => {
    const { contents, blocked } = guarded();
    expect(contents.emit('will-navigate', url)).toBe(true);
    expect(contents.emit('will-redirect', url)).toBe(true);
    expect(blocked).toEqual([`navigation ${url}`, `redirect ${url}`]);
  });

  it('treats the sync server as the app when the app is served from it', () => {
    const { contents } = guarded('http://127.0.0.1:8787');
    expect(contents.emit('will-navigate', 'http://127.0.0.1:8787/#/sync')).toBe(false);
    expect(contents.emit('will-navigate', 'http://127.0.0.1:8788/')).toBe(true);
    expect(contents.emit('will-navigate', 'https://127.0.0.1:8787/')).toBe(true);
  });

  it('denies every new window, the app’s own pages included', () => {
    const { contents, blocked } = guarded();
    for (const url of ['https://example.com/', `${PACKAGED_ORIGIN}/index.html`, 'about:blank']) {
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    }
    expect(blocked).toHaveLength(3);
  });

  it('refuses <webview> elements', () => {
    const { contents } = guarded();
    expect(contents.emit('will-attach-webview')).toBe(true);
  });
});
