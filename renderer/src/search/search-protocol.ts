import type { GuestHit, GuestSource } from './guest-index';

/** Messages from the screen to the search worker. */
export type ToSearchWorker =
  | { type: 'load'; databaseName: string }
  | { type: 'changes'; docs: GuestSource[] }
  | { type: 'search'; seq: number; query: string; limit: number }
  | { type: 'duplicates'; seq: number; email: string | null; phone: string | null };

/** Messages from the search worker back to the screen. */
export type FromSearchWorker =
  | { type: 'ready'; count: number; ms: number }
  | { type: 'results'; seq: number; query: string; hits: GuestHit[]; total: number }
  | { type: 'duplicates'; seq: number; hits: GuestHit[] }
  | { type: 'failed'; message: string };
