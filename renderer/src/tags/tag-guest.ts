import { type CustomerTag, type TagDefinition, newId } from '@cellardoor/shared';
import type { AppServices } from '../app/context';
import type { CurrentEvent } from '../events/current-event';
import { type ActiveTag, type TagTap, planTagTap } from './tag-rules';

type App = Pick<AppServices, 'recorder' | 'credentials' | 'db'>;

/** Tags a guest: a new assignment document, so past assignments stay in the history. */
export async function addTag(
  app: App,
  input: { customerId: string; tagType: string; tagValue: string | null; staffId: string; source?: CustomerTag['source']; eventId?: string | null },
): Promise<CustomerTag> {
  const now = app.recorder.timestamp();
  const tag: CustomerTag = {
    id: newId(),
    customerId: input.customerId,
    tagType: input.tagType,
    tagValue: input.tagValue,
    addedAt: now,
    addedBy: input.staffId,
    removedAt: null,
    removedBy: null,
    source: input.source ?? 'MANUAL',
    notes: null,
    updatedAt: now,
    deviceId: app.credentials.deviceId,
    ...(input.eventId ? { eventId: input.eventId } : {}),
  };
  await app.recorder.put('customer_tags', tag);
  return tag;
}

/** Removes a tag as a soft delete that records who and when; the assignment stays as history. */
export async function removeTag(app: App, tagId: string, staffId: string): Promise<void> {
  const now = app.recorder.timestamp();
  await app.recorder.patch('customer_tags', tagId, { removedAt: now, removedBy: staffId });
}

/**
 * One tap on a tag: add, remove, or replace the type's old value, as the definition says.
 * Tagged while an event is picked, the assignment says so (source EVENT and the event's id).
 */
export async function tapTag(
  app: App,
  input: { customerId: string; def: TagDefinition; defs: readonly TagDefinition[]; active: readonly ActiveTag[]; staffId: string; event: CurrentEvent | null },
): Promise<TagTap> {
  const plan = planTagTap(input.def, input.defs, input.active);
  if (plan.kind === 'remove') await removeTag(app, plan.tagId, input.staffId);
  if (plan.kind === 'replace') for (const id of plan.removeIds) await removeTag(app, id, input.staffId);
  if (plan.kind === 'add' || plan.kind === 'replace')
    await addTag(app, {
      customerId: input.customerId,
      tagType: input.def.tagType,
      tagValue: input.def.tagValue,
      staffId: input.staffId,
      source: input.event ? 'EVENT' : 'MANUAL',
      eventId: input.event?.id ?? null,
    });
  return plan;
}

/**
 * Checks a guest in at the picked event: when the event tags its attendees, the guest gets an
 * EVENTS tag with the event's name, once per event. Returns the new tag, or null.
 */
export async function tagAttendee(app: App, input: { customerId: string; event: CurrentEvent; staffId: string }): Promise<CustomerTag | null> {
  const ev = await app.db.events.findOne(input.event.id).exec();
  if (!ev || ev.autoTagAttendees !== true) return null;
  const existing = await app.db.customer_tags.find({ selector: { customerId: input.customerId } }).exec();
  if (existing.some((t) => t.removedAt === null && t.tagType === 'EVENTS' && (t.eventId === ev.id || t.tagValue === ev.name))) return null;
  return addTag(app, { customerId: input.customerId, tagType: 'EVENTS', tagValue: ev.name, staffId: input.staffId, source: 'EVENT', eventId: ev.id });
}
