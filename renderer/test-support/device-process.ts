import { type ChildProcess, fork } from 'node:child_process';
import type { CollectionName } from '@cellardoor/shared';
import type { SyncEvent } from '../src/sync/replicate';
import { bundled } from './bundle';
import type { WorkerCommand, WorkerRequest, WorkerResponse } from './device-protocol';

type Doc = Record<string, unknown>;

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
    // Bundled once per test process: eight tablets start in seconds instead of compiling TypeScript each.
    const worker = await bundled('renderer/test-support/device-worker.ts', { external: 'none' });
    const child = fork(worker, [], { execArgv: [], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const d = new DeviceProcess(child);
    await d.call({ op: 'open', ...opts });
    return d;
  }

  private call<T>(command: WorkerCommand): Promise<T> {
    const seq = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(seq, { resolve: resolve as (v: unknown) => void, reject });
      // With a callback a closed channel (the process was killed) rejects this call instead of
      // raising an uncaught 'error' on the child.
      this.child.send({ seq, command } satisfies WorkerRequest, (err) => {
        if (!err) return;
        this.waiting.delete(seq);
        reject(err);
      });
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
  /** Keeps replicating live (stream included) until turned off, while the test writes. */
  live(on: boolean) {
    return this.call<null>({ op: 'live', on });
  }
  /** Asks the live replication to catch up now; `done` when every collection was in sync in time. */
  settle(timeoutMs: number) {
    return this.call<{ done: boolean; pending: number; events: Array<{ type: string; error?: string }> }>({ op: 'settle', timeoutMs });
  }
  putMany(collection: CollectionName, docs: Doc[]) {
    return this.call<number>({ op: 'putMany', collection, docs });
  }
  patchMany(collection: CollectionName, patches: Array<{ id: string; patch: Doc }>) {
    return this.call<number>({ op: 'patchMany', collection, patches });
  }
  /** Closes the app mid-sync and opens it again on the same storage. */
  restart() {
    return this.call<null>({ op: 'restart' });
  }
  /** Every document the device holds, as the server would store it. */
  dump(collections: CollectionName[]) {
    return this.call<Record<string, Doc[]>>({ op: 'dump', collections });
  }
  /** Ends the process at once, whatever it is doing (cleanup of a failed run). */
  kill(): void {
    if (!this.hasExited()) this.child.kill('SIGKILL');
  }
  async close(): Promise<void> {
    if (this.hasExited()) return;
    const exited = new Promise<void>((r) => this.child.once('exit', () => r()));
    // A process already killed (a run's cleanup) is only waited for: it can no longer be asked.
    if (!this.child.killed && this.child.connected) await this.call({ op: 'close' }).catch(() => undefined);
    await exited;
  }
  private hasExited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }
}
