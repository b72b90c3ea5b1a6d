import type { TagDefinition } from '@cellardoor/shared';
import { describe, expect, it } from 'vitest';
import { pickableGroups, planTagTap, tagLabel } from './tag-rules';

let n = 0;
const def = (tagType: string, tagValue: string | null, over: Partial<TagDefinition> = {}): TagDefinition => ({
  id: `0190a0a0-0000-7000-8000-${String(++n).padStart(12, '0')}`,
  tagType,
  tagValue,
  displayName: tagValue ? `${tagType} ${tagValue}` : tagType,
  description: null,
  category: 'SEGMENT',
  parentId: null,
  color: '#7b1e3a',
  isActive: true,
  allowMultiple: false,
  priority: 1,
  createdAt: '2026-05-02T10:00:00.000Z',
  updatedAt: '2026-05-02T10:00:00.000Z',
  ...over,
});
const club = def('WINE_CLUB', null);
const silver = def('WINE_CLUB', 'SILVER', { parentId: club.id, allowMultiple: true });
const gold = def('WINE_CLUB', 'GOLD', { parentId: club.id });
const organic = def('PREFERENCE', 'ORGANIC', { category: 'PREFERENCE', allowMultiple: true });
const red = def('PREFERENCE', 'RED', { category: 'PREFERENCE', allowMultiple: true });
const old = def('LEGACY', null, { isActive: false });
const events = def('EVENTS', null, { allowMultiple: true, displayName: 'Event guest' });
const defs = [club, silver, gold, organic, red, old, events];

describe('one tap on a tag', () => {
  it('adds, and a second tap on an active tag removes it', () => {
    expect(planTagTap(organic, defs, [])).toEqual({ kind: 'add' });
    expect(planTagTap(organic, defs, [{ id: 't1', tagType: 'PREFERENCE', tagValue: 'ORGANIC' }])).toEqual({ kind: 'remove', tagId: 't1' });
  });
  it('a type that allows several values keeps the others', () => {
    expect(planTagTap(red, defs, [{ id: 't1', tagType: 'PREFERENCE', tagValue: 'ORGANIC' }])).toEqual({ kind: 'add' });
  });
  it('one value at a time: the type’s own definition decides, and the old value is replaced', () => {
    expect(planTagTap(gold, defs, [{ id: 't1', tagType: 'WINE_CLUB', tagValue: 'SILVER' }])).toEqual({ kind: 'replace', removeIds: ['t1'] });
    expect(planTagTap(silver, defs, [{ id: 't2', tagType: 'WINE_CLUB', tagValue: 'GOLD' }])).toEqual({ kind: 'replace', removeIds: ['t2'] });
  });
  it('an inactive definition cannot be added, but an old assignment of it can be removed', () => {
    expect(planTagTap(old, defs, []).kind).toBe('blocked');
    expect(planTagTap(old, defs, [{ id: 't3', tagType: 'LEGACY', tagValue: null }])).toEqual({ kind: 'remove', tagId: 't3' });
  });
});

describe('what staff see', () => {
  it('labels free event values with the type’s name', () => {
    expect(tagLabel({ tagType: 'EVENTS', tagValue: 'Harvest party' }, defs)).toBe('Event guest · Harvest party');
    expect(tagLabel({ tagType: 'WINE_CLUB', tagValue: 'GOLD' }, defs)).toBe('WINE_CLUB GOLD');
  });
  it('offers values under a parent, not the parent heading, nor inactive tags or the EVENTS type', () => {
    const offered = pickableGroups(defs).flatMap((g) => g.tags.map((t) => t.def.id));
    expect(offered).toEqual(expect.arrayContaining([silver.id, gold.id, organic.id, red.id]));
    expect(offered).not.toContain(club.id);
    expect(offered).not.toContain(old.id);
    expect(offered).not.toContain(events.id);
  });
});
