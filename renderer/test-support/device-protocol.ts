import type { CollectionName } from '@cellardoor/shared';

/** Messages between a test and a simulated tablet's process (device-process.ts ↔ device-worker.ts). */
export type WorkerCommand =
  | { op: 'open'; serverUrl: string; deviceToken: string; deviceId: string; clockOffsetMs?: number }
  | { op: 'sync'; timeoutMs?: number }
  | { op: 'put'; collection: CollectionName; doc: Record<string, unknown> }
  | { op: 'patch'; collection: CollectionName; id: string; patch: Record<string, unknown> }
  | { op: 'get'; collection: CollectionName; id: string }
  | { op: 'find'; collection: CollectionName; selector: Record<string, unknown> }
  | { op: 'pending' }
  | { op: 'search'; needles: string[] }
  | { op: 'close' }
  // For the fault harness (sync-server/test/faults): live replication that keeps running while
  // the test writes, bulk writes, an app restart that keeps storage, and a dump of what it holds.
  | { op: 'live'; on: boolean }
  | { op: 'settle'; timeoutMs: number }
  | { op: 'putMany'; collection: CollectionName; docs: Array<Record<string, unknown>> }
  | { op: 'patchMany'; collection: CollectionName; patches: Array<{ id: string; patch: Record<string, unknown> }> }
  | { op: 'restart' }
  | { op: 'dump'; collections: CollectionName[] };

export interface WorkerRequest {
  seq: number;
  command: WorkerCommand;
}
export interface WorkerResponse {
  seq: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}
