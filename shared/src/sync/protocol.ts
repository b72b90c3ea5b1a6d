import { z } from 'zod';

/** Base path of the replication endpoints. */
export const SYNC_BASE = '/sync/v1';
export const MAX_PUSH_ROWS = 500;
export const MAX_PULL_LIMIT = 1000;

/** Request headers a device sends with every sync call. */
export const HEADER_SCHEMA_VERSION = 'x-cellardoor-schema';
/** The highest deviceSeq the device has issued, so the server can see sales still on it. */
export const HEADER_LAST_SEQ = 'x-cellardoor-last-seq';

export const PushRow = z.object({
  assumedMasterState: z.record(z.string(), z.unknown()).nullable(),
  newDocumentState: z.record(z.string(), z.unknown()),
});
export const PushBody = z.object({
  rows: z.array(PushRow).max(MAX_PUSH_ROWS, `at most ${MAX_PUSH_ROWS} rows per push`),
});
export type PushRow = z.infer<typeof PushRow>;
export type PushBody = z.infer<typeof PushBody>;

export interface PushResponse {
  conflicts: Record<string, unknown>[];
}

export interface PullResponse {
  documents: Record<string, unknown>[];
  checkpoint: string | null;
}

/** A row of a refused push batch, with the reason in plain words. */
export interface RefusedRow {
  index: number;
  id: string | null;
  reason: string;
}

/** The one error format of the whole API. */
export interface ApiError {
  error: { code: ErrorCode; message: string; rows?: RefusedRow[]; details?: unknown };
}

export type ErrorCode =
  | 'BAD_REQUEST'
  | 'INVALID_BATCH'
  | 'UNAUTHENTICATED'
  | 'DEVICE_REVOKED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'GONE'
  | 'PAYLOAD_TOO_LARGE'
  | 'RATE_LIMITED'
  | 'LOCKED'
  | 'UPGRADE_REQUIRED'
  | 'UNAVAILABLE'
  | 'INTERNAL';

/** Server-sent event payloads on /sync/v1/stream. */
export type StreamMessage =
  | { type: 'RESYNC' }
  | { type: 'CHANGES'; collections: string[] }
  /** The device was revoked: wipe local data; with `handover`, push unsent documents first. */
  | { type: 'REVOKED'; wipe: boolean; handover?: boolean };
