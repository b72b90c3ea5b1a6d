import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, enforceContentSecurityPolicy, withContentSecurityPolicy } from '../src/security/content-security-policy';
import { FakeSession } from './fakes';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((d) => {
      const [name, ...sources] = d.trim().split(/\s+/);
      return [name!, sources];
    }),
  );
}

const enrolled = directives(contentSecurityPolicy({ kind: 'enrolled', origins: ['https://sync.example.com'] }));
const enrolling = directives(contentSecurityPolicy({ kind: 'enrolling' }));

describe('the Content Security Policy', () => {
  it('blocks everything not named', () => {
    expect(enrolled.get('default-src')).toEqual(["'none'"]);
  });

  it('runs scripts and styles only from the app’s files, never inline or through eval', () => {
    expect(enrolled.get('script-src')).toEqual(["'self'"]);
    expect(enrolled.get('style-src')).toEqual(["'self'"]);
    for (const [, sources] of enrolled) {
      expect(sources).not.toContain("'unsafe-eval'");
      expect(sources).not.toContain("'wasm-unsafe-eval'");
      expect(sources).not.toContain("'unsafe-inline'");
      expect(sources).not.toContain('*');
    }
    expect(enrolled.get('worker-src')).toEqual(["'self'", 'blob:']);
  });

  it('allows images from the app, data: and blob: only', () => {
    expect(enrolled.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
  });

  it('lets an enrolled tablet connect to its own server only', () => {
    expect(enrolled.get('connect-src')).toEqual(["'self'", 'https://sync.example.com']);
  });

  it('lets a tablet that holds no token yet reach the server a manager types in', () => {
    expect(enrolling.get('connect-src')).toEqual(["'self'", 'http:', 'https:']);
  });

  it('allows no plugins, frames, form posts, base URL or embedding', () => {
    for (const name of ['object-src', 'frame-src', 'child-src', 'frame-ancestors', 'form-action', 'base-uri', 'media-src']) {
      expect(enrolled.get(name), name).toEqual(["'none'"]);
    }
  });

  it('keeps a policy the server sent and adds ours, so both are enforced', () => {
    const headers = withContentSecurityPolicy({ 'content-security-policy': ["default-src 'self'"], 'content-type': ['text/html'] }, 'ours');
    expect(headers['content-security-policy']).toEqual(["default-src 'self'", 'ours']);
    expect(headers['content-type']).toEqual(['text/html']);
    expect(withContentSecurityPolicy(undefined, 'ours')).toEqual({ 'Content-Security-Policy': ['ours'] });
  });

  it('is added to every response the session receives, as it stands at that moment', () => {
    const session = new FakeSession();
    let policy = 'first';
    enforceContentSecurityPolicy(session, () => policy);
    expect(session.respond({ 'content-type': ['text/html'] })).toEqual({ 'content-type': ['text/html'], 'Content-Security-Policy': ['first'] });
    policy = 'second';
    expect(session.respond()['Content-Security-Policy']).toEqual(['second']);
  });
});
