import { STARTER_TAGS, type TagDefinition, newId } from '@cellardoor/shared';

export interface TagRow {
  tag: TagDefinition;
  depth: number;
}

/** Definitions in hierarchy order: each parent followed by its children, highest priority first. */
export function tagTree(tags: readonly TagDefinition[]): TagRow[] {
  const byParent = new Map<string | null, TagDefinition[]>();
  const ids = new Set(tags.map((t) => t.id));
  for (const t of tags) {
    // A child whose parent is not here (yet) shows at the top level rather than vanish.
    const parent = t.parentId && ids.has(t.parentId) ? t.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), t]);
  }
  const order = (a: TagDefinition, b: TagDefinition) => a.category.localeCompare(b.category) || b.priority - a.priority || a.displayName.localeCompare(b.displayName);
  const out: TagRow[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    for (const t of [...(byParent.get(parent) ?? [])].sort(order)) {
      if (seen.has(t.id)) continue;
      seen.add(t.id);
      out.push({ tag: t, depth });
      walk(t.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** Ids a tag may not take as parent: itself and its descendants (no cycles). */
export function descendantsOf(tags: readonly TagDefinition[], id: string): Set<string> {
  const out = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const t of tags)
      if (t.parentId && out.has(t.parentId) && !out.has(t.id)) {
        out.add(t.id);
        grew = true;
      }
  }
  return out;
}

/** The starter definitions a new venue can take in one tap (skipping any type/value it already has). */
export function starterTags(existing: readonly TagDefinition[], now: string): TagDefinition[] {
  const key = (type: string, value: string | null) => `${type}|${value ?? ''}`;
  const have = new Map(existing.map((t) => [key(t.tagType, t.tagValue), t.id]));
  const parents = new Map(existing.filter((t) => t.tagValue === null).map((t) => [t.tagType, t.id]));
  const out: TagDefinition[] = [];
  for (const [tagType, tagValue, displayName, category, priority, color, allowMultiple, parent] of STARTER_TAGS) {
    if (have.has(key(tagType, tagValue))) continue;
    const id = newId();
    if (tagValue === null) parents.set(tagType, id);
    out.push({
      id,
      tagType,
      tagValue,
      displayName,
      description: null,
      category,
      parentId: parent ? (parents.get(parent) ?? null) : null,
      color,
      isActive: true,
      allowMultiple,
      priority,
      createdAt: now,
      updatedAt: now,
    });
  }
  return out;
}
