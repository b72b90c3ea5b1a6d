import type { CustomerTag, TagDefinition } from '@cellardoor/shared';

export type ActiveTag = Pick<CustomerTag, 'id' | 'tagType' | 'tagValue'>;

/** What one tap on a tag definition does to a guest's active tags. */
export type TagTap =
  | { kind: 'add' }
  | { kind: 'remove'; tagId: string }
  /** One value of the type at a time: the old value goes (soft delete), the new one comes. */
  | { kind: 'replace'; removeIds: string[] }
  | { kind: 'blocked'; reason: string };

const sameValue = (a: string | null, b: string | null) => (a ?? null) === (b ?? null);

/**
 * Whether a tag type takes one value at a time. The type's own definition (no value, e.g.
 * WINE_CLUB) speaks for the whole type; values under it (WINE_CLUB · GOLD) follow it.
 */
export function singleValued(def: TagDefinition, defs: readonly TagDefinition[]): boolean {
  const root = defs.find((d) => d.tagType === def.tagType && d.tagValue === null);
  return !(root ?? def).allowMultiple;
}

/**
 * Tag semantics on one tap: tapping an active tag removes it; a type that takes one value at a
 * time replaces the old value with the new (a tier upgrade); a value-less single tag (VIP) is
 * never assigned twice; a type whose only active assignment is the plain type (WINE_CLUB)
 * gives way to a value under it. An inactive definition can no longer be added.
 */
export function planTagTap(def: TagDefinition, defs: readonly TagDefinition[], active: readonly ActiveTag[]): TagTap {
  const same = active.find((t) => t.tagType === def.tagType && sameValue(t.tagValue, def.tagValue));
  if (same) return { kind: 'remove', tagId: same.id };
  if (!def.isActive) return { kind: 'blocked', reason: `${def.displayName} is no longer in use.` };
  const ofType = active.filter((t) => t.tagType === def.tagType);
  if (ofType.length === 0) return { kind: 'add' };
  if (!singleValued(def, defs)) return { kind: 'add' };
  return { kind: 'replace', removeIds: ofType.map((t) => t.id) };
}

/** The definition that describes an assignment: its exact value, else its type. */
export function definitionOf(tag: Pick<CustomerTag, 'tagType' | 'tagValue'>, defs: readonly TagDefinition[]): TagDefinition | undefined {
  return defs.find((d) => d.tagType === tag.tagType && sameValue(d.tagValue, tag.tagValue)) ?? defs.find((d) => d.tagType === tag.tagType && d.tagValue === null);
}

/** How an assignment reads on a chip: the definition's name, or "Event guest · Harvest party" for free values. */
export function tagLabel(tag: Pick<CustomerTag, 'tagType' | 'tagValue'>, defs: readonly TagDefinition[]): string {
  const exact = defs.find((d) => d.tagType === tag.tagType && sameValue(d.tagValue, tag.tagValue));
  if (exact) return exact.displayName;
  const type = defs.find((d) => d.tagType === tag.tagType && d.tagValue === null);
  const typeName = type?.displayName ?? tag.tagType.charAt(0) + tag.tagType.slice(1).toLowerCase().replace(/_/g, ' ');
  return tag.tagValue ? `${typeName} · ${tag.tagValue}` : typeName;
}

/** The chip colour: the definition's, else a neutral that keeps white text readable. */
export function tagColour(tag: Pick<CustomerTag, 'tagType' | 'tagValue'>, defs: readonly TagDefinition[]): string {
  return definitionOf(tag, defs)?.color ?? '#5c5557';
}

/**
 * Definitions staff can tap, grouped by category, parents before their children. A value-less
 * parent that has values under it (WINE_CLUB) is a heading, not a tag to tap.
 */
export function pickableGroups(defs: readonly TagDefinition[]): Array<{ category: TagDefinition['category']; tags: Array<{ def: TagDefinition; depth: number }> }> {
  const live = defs.filter((d) => d.isActive);
  const ids = new Set(live.map((d) => d.id));
  const hasChildren = new Set(live.filter((d) => d.parentId && ids.has(d.parentId)).map((d) => d.parentId));
  const order = (a: TagDefinition, b: TagDefinition) => b.priority - a.priority || a.displayName.localeCompare(b.displayName);
  const groups = new Map<TagDefinition['category'], Array<{ def: TagDefinition; depth: number }>>();
  const walk = (parent: string | null, depth: number) => {
    for (const d of live.filter((x) => (x.parentId && ids.has(x.parentId) ? x.parentId : null) === parent).sort(order)) {
      // EVENTS values are the events' names, tagged at check-in, not picked from a list.
      if (!(d.tagType === 'EVENTS' && d.tagValue === null) && !hasChildren.has(d.id)) {
        const list = groups.get(d.category) ?? [];
        list.push({ def: d, depth });
        groups.set(d.category, list);
      }
      walk(d.id, depth + 1);
    }
  };
  walk(null, 0);
  const categoryOrder: TagDefinition['category'][] = ['SEGMENT', 'PREFERENCE', 'BEHAVIOR', 'DEMOGRAPHIC'];
  return categoryOrder.filter((c) => groups.has(c)).map((category) => ({ category, tags: groups.get(category)! }));
}
