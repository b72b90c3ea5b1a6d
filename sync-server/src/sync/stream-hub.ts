import type { StreamMessage } from '@cellardoor/shared';
import type { Db } from '../db/driver';
import { SYNC_CHANNEL } from './write-documents';

export const DEVICE_CHANNEL = 'cellardoor_device';

interface Subscriber {
  tenantId: string;
  deviceId: string;
  send(message: StreamMessage): void;
  close(): void;
}

/**
 * Fans database notifications out to the devices connected to this process. Notifications come
 * through PostgreSQL LISTEN/NOTIFY, so a push handled by another server process wakes these
 * streams too. Messages only say "something changed": devices turn them into a RESYNC and pull,
 * which cannot skip a document.
 */
export class StreamHub {
  private readonly subscribers = new Set<Subscriber>();
  private pending = new Map<string, Set<string>>();
  private flushTimer: NodeJS.Timeout | null = null;
  private unlisten: Array<() => Promise<void>> = [];

  constructor(private readonly coalesceMs = 25) {}

  async start(db: Db): Promise<void> {
    this.unlisten.push(await db.listen(SYNC_CHANNEL, (payload) => this.onChange(payload), () => this.resyncAll()));
    this.unlisten.push(await db.listen(DEVICE_CHANNEL, (payload) => this.onDevice(payload)));
  }

  subscribe(s: Subscriber): () => void {
    this.subscribers.add(s);
    s.send({ type: 'RESYNC' });
    return () => this.subscribers.delete(s);
  }

  get size(): number {
    return this.subscribers.size;
  }

  /** Tells every connected device to resync (after the listener connection was re-established). */
  resyncAll(): void {
    for (const s of this.subscribers) s.send({ type: 'RESYNC' });
  }

  async stop(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    for (const u of this.unlisten) await u();
    for (const s of this.subscribers) s.close();
    this.subscribers.clear();
  }

  private onChange(payload: string): void {
    let msg: { t?: string; c?: string };
    try {
      msg = JSON.parse(payload) as { t?: string; c?: string };
    } catch {
      return;
    }
    if (!msg.t || !msg.c) return;
    let set = this.pending.get(msg.t);
    if (!set) this.pending.set(msg.t, (set = new Set()));
    set.add(msg.c);
    // A push of many batches becomes one message per device, not one per batch.
    this.flushTimer ??= setTimeout(() => this.flush(), this.coalesceMs);
  }

  private flush(): void {
    this.flushTimer = null;
    const pending = this.pending;
    this.pending = new Map();
    for (const s of this.subscribers) {
      const collections = pending.get(s.tenantId);
      if (collections) s.send({ type: 'CHANGES', collections: [...collections] });
    }
  }

  private onDevice(payload: string): void {
    let msg: { t?: string; d?: string; wipe?: boolean };
    try {
      msg = JSON.parse(payload) as { t?: string; d?: string; wipe?: boolean };
    } catch {
      return;
    }
    for (const s of this.subscribers)
      if (s.tenantId === msg.t && s.deviceId === msg.d) {
        s.send({ type: 'REVOKED', wipe: msg.wipe !== false });
        s.close();
      }
  }
}
