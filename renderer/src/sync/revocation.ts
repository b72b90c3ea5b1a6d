import { filter, firstValueFrom, race, timer, map } from 'rxjs';
import type { CellardoorDatabase } from '../data/database';
import { needsAttention } from './attention';
import { pendingTotal$ } from './unsent';

export type RevocationOutcome =
  /** Wiped: nothing was left to hand over, or the tablet was reported stolen. */
  | { kind: 'wiped'; handedOver: boolean }
  /** Everything pending reached the server, but documents it refused are still here. */
  | { kind: 'refused-left'; refused: number }
  /** The server could not be reached in time; the tablet keeps its documents and tries again. */
  | { kind: 'still-sending'; pending: number };

export interface RevocationDeps {
  db: CellardoorDatabase;
  /** Stops sync, removes the local database and forgets the credentials. */
  wipe(): Promise<void>;
  /** How long to wait for the hand-over before reporting back (the caller may call again). */
  timeoutMs?: number;
}

/**
 * A manager removed this tablet (DESIGN.md, Security). A stolen tablet (no hand-over) is wiped at
 * once. A retired one first hands over what it still holds: the server accepts its pushes, and
 * live sync keeps pushing; once nothing is pending it wipes itself. Documents the server refused
 * are never wiped silently: the caller offers their export first.
 */
export async function runRevocation(deps: RevocationDeps, revoked: { handover: boolean }): Promise<RevocationOutcome> {
  if (!revoked.handover) {
    await deps.wipe();
    return { kind: 'wiped', handedOver: false };
  }
  const pending$ = pendingTotal$(deps.db);
  const pending = await firstValueFrom(
    race(pending$.pipe(filter((n) => n === 0)), timer(deps.timeoutMs ?? 120_000).pipe(map(() => -1))),
  );
  if (pending !== 0) return { kind: 'still-sending', pending: await firstValueFrom(pending$) };
  const refused = (await needsAttention(deps.db)).length;
  if (refused > 0) return { kind: 'refused-left', refused };
  await deps.wipe();
  return { kind: 'wiped', handedOver: true };
}
