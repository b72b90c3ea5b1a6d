import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CollectionName } from '@cellardoor/shared';
import type { SyncEvent } from '../src/sync/replicate';
import type { WorkerCommand, WorkerRequest, WorkerResponse } from './device-worker';

type Doc = Record<string, unknown>;
const WORKER = fileURLToPath(new URL('./device-worker.ts', import.meta.url));

/**
 * A tablet running the app's own database and replication in a child process, so a test can
 * hold several devices at once. `clockOffsetMs` moves the device's clock, to decide which of two
 * offline edits is the later one.
 */
export class DeviceProcess {
  private seq = 0;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (m: WorkerResponse) => {
      const w = this.waiting.get(m.seq);
      if (!w) return;
      this.waiting.delete(m.seq);
      if (m.ok) w.resolve(m.result);
      else w.reject(new Error(`device: ${m.error ?? 'failed'}`));
    });
    child.on('exit', (code) => {
      for (const w of this.waiting.values()) w.reject(new Error(`device process exited (${code})`));
      this.waiting.clear();
    });
  }

  static async open(opts: { serverUrl: string; deviceToken: string; deviceId: string; clockOffsetMs?: number }): Promise<DeviceProcess> {
    const child = fork(WORKER, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const d = new DeviceProcess(child);
    await d.call({ op: 'open', ...opts });
    return d;
  }

  private call<T>(command: WorkerCommand): Promise<T> {
    const seq = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(seq, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ seq, command } satisfies WorkerRequest);
    });
  }

  /** Connects, pulls and pushes everything, then goes offline again. */
  sync(timeoutMs?: number) {
    return this.call<{ done: boolean; events: Array<SyncEvent & { error?: string }> }>({ op: 'sync', ...(timeoutMs ? { timeoutMs } : {}) });
  }
  put(collection: CollectionName, doc: Doc) {
    return this.call<Doc>({ op: 'put', collection, doc });
  }
  patch(collection: CollectionName, id: string, patch: Doc) {
    return this.call<Doc>({ op: 'patch', collection, id, patch });
  }
  get(collection: CollectionName, id: string) {
    return this.call<Doc | null>({ op: 'get', collection, id });
  }
  find(collection: CollectionName, selector: Doc = {}) {
    return this.call<Doc[]>({ op: 'find', collection, selector });
  }
  pending() {
    return this.call<number>({ op: 'pending' });
  }
  /** Looks for each string in every record of the device's local storage, case-insensitively. */
  search(needles: string[]) {
    return this.call<{ found: Array<{ needle: string; database: string; store: string }>; records: number }>({ op: 'search', needles });
  }
  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((r) => this.child.once('exit', () => r()));
    await this.call({ op: 'close' }).catch(() => undefined);
    await exited;
  }
}
