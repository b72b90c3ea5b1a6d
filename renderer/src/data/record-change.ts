import { type CollectionName, COLLECTIONS, type DocOf, HybridClock, isHlc, withLocalFields } from '@cellardoor/shared';
import type { CellardoorDatabase } from './database';
import { markPending } from '../sync/pending';

/**
 * Every local write goes through here: it stamps the time and, for field-wise documents, the
 * hybrid-logical-clock stamp of each changed field; records the change as pending for the sync
 * screen and the "unsent documents" guards; then stores the document.
 */
export class ChangeRecorder {
  private readonly clock: HybridClock;

  constructor(
    private readonly db: CellardoorDatabase,
    nodeId: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.clock = new HybridClock(nodeId.slice(-12), () => this.now().getTime());
  }

  /** The current time as the documents record it. */
  timestamp(): string {
    return this.now().toISOString();
  }

  /**
   * `preserve`: the document was made on another device (an imported unsent file) and is stored
   * exactly as it is, with that device's clock stamps, so merges decide as they would have there.
   */
  async put<C extends CollectionName>(collection: C, doc: DocOf<C>, opts: { preserve?: boolean } = {}): Promise<DocOf<C>> {
    const stored = this.db.collections[collection];
    const existing = await stored.findOne(doc.id as string).exec();
    const next: Record<string, unknown> = { ...doc };
    if (COLLECTIONS[collection].conflict === 'fieldwise' && !opts.preserve) {
      const before = (existing?.toJSON() ?? {}) as Record<string, unknown>;
      const clock = { ...((before.clock as Record<string, string>) ?? {}), ...((doc as { clock?: Record<string, string> }).clock ?? {}) };
      // An edit is later than the version it edits, even on a tablet whose clock runs behind.
      for (const stamp of Object.values(clock)) if (isHlc(stamp)) this.clock.receive(stamp);
      for (const [field, value] of Object.entries(doc as Record<string, unknown>)) {
        if (['id', 'clock', 'createdAt', 'updatedAt'].includes(field)) continue;
        if (!existing || JSON.stringify(before[field] ?? null) !== JSON.stringify(value ?? null)) clock[field] = this.clock.tick();
      }
      next.clock = clock;
    }
    await markPending(this.db, collection, [doc.id as string]);
    await stored.upsert(withLocalFields(collection, next) as never);
    return next as DocOf<C>;
  }

  /** Applies a change to an existing document (merging `patch` over it) and records it. */
  async patch<C extends CollectionName>(collection: C, id: string, patch: Partial<DocOf<C>>): Promise<DocOf<C>> {
    const existing = await this.db.collections[collection].findOne(id).exec();
    if (!existing) throw new Error(`${collection} ${id} is not on this device`);
    const current = existing.toMutableJSON() as Record<string, unknown>;
    return this.put(collection, { ...current, ...patch, updatedAt: this.timestamp() } as DocOf<C>);
  }
}
