import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVER, type TestServer, enrolDevice, managerClient, startTestServer } from './harness';

// The desktop app runs on its own origin (app://cellardoor) and reads the live stream cross-origin.
describe(`the live stream across origins (${DRIVER})`, () => {
  let server: TestServer;
  let deviceToken: string;

  beforeAll(async () => {
    server = await startTestServer();
    deviceToken = (await enrolDevice(await managerClient(server.url), 'Desktop tablet')).deviceToken;
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('answers with the CORS headers the other endpoints send', async () => {
    const abort = new AbortController();
    const res = await fetch(`${server.url}/sync/v1/stream`, {
      headers: { authorization: `Bearer ${deviceToken}`, origin: 'app://cellardoor' },
      signal: abort.signal,
    });
    try {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      expect(res.headers.get('access-control-allow-origin')).toBe('app://cellardoor');
      const pull = await fetch(`${server.url}/sync/v1/orders/pull`, { headers: { authorization: `Bearer ${deviceToken}`, origin: 'app://cellardoor' } });
      expect(res.headers.get('access-control-allow-origin')).toBe(pull.headers.get('access-control-allow-origin'));
    } finally {
      abort.abort();
    }
  });
});
