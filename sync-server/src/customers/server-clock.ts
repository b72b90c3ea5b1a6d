import { HybridClock, isHlc } from '@cellardoor/shared';

type Doc = Record<string, unknown>;

/**
 * A clock stamp for a change the server makes itself (merge, erasure): later than every stamp the
 * documents carry, so a stale copy from a tablet never outranks the server's change.
 */
export function serverStamp(...docs: Doc[]): string {
  const clock = new HybridClock('server');
  for (const d of docs) for (const s of Object.values((d.clock as Record<string, string> | undefined) ?? {})) if (isHlc(s)) clock.receive(s);
  return clock.tick();
}
