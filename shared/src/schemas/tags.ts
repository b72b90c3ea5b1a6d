import { z } from 'zod';
import { Actor, Code, Id, IdRef, Instant, Label, Timestamps } from './common';

export const TAG_CATEGORIES = ['SEGMENT', 'PREFERENCE', 'BEHAVIOR', 'DEMOGRAPHIC'] as const;
export const TAG_SOURCES = ['MANUAL', 'IMPORT', 'AUTOMATION', 'EVENT'] as const;

export const TagDefinition = z.strictObject({
  id: Id,
  tagType: Code,
  tagValue: z.string().min(1).max(100).nullable(),
  displayName: Label(100),
  description: z.string().max(500).nullable(),
  category: z.enum(TAG_CATEGORIES),
  parentId: IdRef,
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #7b1e3a'),
  isActive: z.boolean(),
  allowMultiple: z.boolean(),
  priority: z.number().int().min(0).max(10_000),
  ...Timestamps,
});
export type TagDefinition = z.infer<typeof TagDefinition>;

export const CustomerTag = z.strictObject({
  id: Id,
  customerId: Id,
  tagType: Code,
  /** Free text for EVENTS (the event's name), else one of the definition's values. */
  tagValue: z.string().min(1).max(200).nullable(),
  addedAt: Instant,
  addedBy: Actor,
  removedAt: Instant.nullable(),
  removedBy: Actor.nullable(),
  source: z.enum(TAG_SOURCES),
  notes: z.string().max(1000).nullable(),
  updatedAt: Instant,
  deviceId: IdRef.optional(),
  eventId: IdRef.optional(),
});
export type CustomerTag = z.infer<typeof CustomerTag>;
