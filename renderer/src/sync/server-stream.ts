import type { StreamMessage } from '@cellardoor/shared';
import { createParser } from 'eventsource-parser';
import { Backoff, sleep } from './backoff';
import { type FetchLike, type SyncEndpoint, SyncHttpError, syncHeaders } from './http';

/** No byte for this long (the server sends a keep-alive every 20 s) means a dead connection. */
const IDLE_TIMEOUT_MS = 45_000;

/**
 * The server's event stream, read with fetch (so the device token travels in a header, never in
 * a URL), reconnected with back-off. Every (re)connection starts with a RESYNC from the server.
 */
export function runServerStream(opts: {
  fetch: FetchLike;
  endpoint: SyncEndpoint;
  onMessage(m: StreamMessage): void;
  onState(connected: boolean, error?: SyncHttpError | Error): void;
  signal: AbortSignal;
  /** Aborted when it is worth reconnecting at once (the network came back, staff asked to sync). */
  wake?: () => AbortSignal;
}): Promise<void> {
  const backoff = new Backoff(1000, 30_000);
  return (async () => {
    while (!opts.signal.aborted) {
      const ctrl = new AbortController();
      const abort = () => ctrl.abort();
      opts.signal.addEventListener('abort', abort);
      let idle: ReturnType<typeof setTimeout> | undefined;
      const arm = () => {
        clearTimeout(idle);
        idle = setTimeout(() => ctrl.abort(), IDLE_TIMEOUT_MS);
      };
      try {
        arm();
        const res = await opts.fetch(opts.endpoint.serverUrl.replace(/\/$/, '') + '/sync/v1/stream', {
          headers: syncHeaders(opts.endpoint, { accept: 'text/event-stream' }),
          signal: ctrl.signal,
        });
        if (!res.ok || !res.body) {
          const text = await res.text().catch(() => '');
          let body = null;
          try {
            body = JSON.parse(text);
          } catch {
            /* not JSON */
          }
          throw new SyncHttpError(res.status, body);
        }
        backoff.reset();
        opts.onState(true);
        const parser = createParser({
          onEvent(e) {
            try {
              opts.onMessage(JSON.parse(e.data) as StreamMessage);
            } catch {
              /* a malformed message is ignored; the next RESYNC covers it */
            }
          },
        });
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          arm();
          parser.feed(value);
        }
        opts.onState(false);
      } catch (err) {
        if (!opts.signal.aborted) opts.onState(false, err instanceof Error ? err : new Error(String(err)));
      } finally {
        clearTimeout(idle);
        opts.signal.removeEventListener('abort', abort);
      }
      if (!opts.signal.aborted) {
        const wake = opts.wake?.();
        await sleep(backoff.next(), wake ? AbortSignal.any([opts.signal, wake]) : opts.signal);
        if (wake?.aborted) backoff.reset();
      }
    }
  })();
}
