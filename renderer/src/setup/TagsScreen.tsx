import { TAG_CATEGORIES, TagDefinition, newId } from '@cellardoor/shared';
import { type FormEvent, useMemo, useState } from 'react';
import { useApp } from '../app/context';
import { useObservable } from '../data/use-query';
import { useSetupAccess } from './access';
import { fieldProblems } from './form-errors';
import { Problem } from './Problem';
import { descendantsOf, starterTags, tagTree } from './tag-tree';
import { categoryCode } from './products/product-csv';

const WORDS = { tagType: 'Type code', tagValue: 'Value', displayName: 'Name', description: 'Description', color: 'Colour', priority: 'Priority', category: 'Category' };
const CATEGORY_WORDS: Record<TagDefinition['category'], string> = { SEGMENT: 'Segment', PREFERENCE: 'Preference', BEHAVIOR: 'Behaviour', DEMOGRAPHIC: 'Demographic' };

interface Draft {
  displayName: string;
  tagType: string;
  tagValue: string;
  category: TagDefinition['category'];
  parentId: string;
  color: string;
  priority: string;
  allowMultiple: boolean;
  description: string;
}
const blank = (): Draft => ({ displayName: '', tagType: '', tagValue: '', category: 'PREFERENCE', parentId: '', color: '#7b1e3a', priority: '50', allowMultiple: true, description: '' });

/** Guest tag definitions: hierarchy, category, colour, priority, one-or-many; retired, never deleted. */
export function TagsScreen() {
  const { db, recorder } = useApp();
  const { canEdit } = useSetupAccess();
  const docs = useObservable(() => db.tag_definitions.find().$, [], [db]);
  const tags = useMemo(() => docs.map((d) => d.toJSON() as TagDefinition), [docs]);
  const [showRetired, setShowRetired] = useState(false);
  const [selected, setSelected] = useState<TagDefinition | null>(null);
  const [draft, setDraft] = useState<Draft>(blank);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const rows = tagTree(tags.filter((t) => showRetired || t.isActive));
  const notParent = selected ? descendantsOf(tags, selected.id) : new Set<string>();
  const parents = tags.filter((t) => t.isActive && !notParent.has(t.id));

  const choose = (t: TagDefinition | null) => {
    setSelected(t);
    setDraft(
      t
        ? {
            displayName: t.displayName,
            tagType: t.tagType,
            tagValue: t.tagValue ?? '',
            category: t.category,
            parentId: t.parentId ?? '',
            color: t.color,
            priority: String(t.priority),
            allowMultiple: t.allowMultiple,
            description: t.description ?? '',
          }
        : blank(),
    );
    setProblems({});
    setSaved(null);
  };

  const write = async (doc: TagDefinition, note: string) => {
    await recorder.put('tag_definitions', doc);
    setSelected(doc);
    setSaved(note);
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const now = recorder.timestamp();
    const doc = {
      id: selected?.id ?? newId(),
      tagType: categoryCode(draft.tagType || draft.displayName),
      tagValue: draft.tagValue.trim() ? categoryCode(draft.tagValue) : null,
      displayName: draft.displayName.trim(),
      description: draft.description.trim() || null,
      category: draft.category,
      parentId: draft.parentId || null,
      color: draft.color,
      isActive: selected?.isActive ?? true,
      allowMultiple: draft.allowMultiple,
      priority: Number.parseInt(draft.priority, 10),
      createdAt: selected?.createdAt ?? now,
      updatedAt: now,
    };
    const checked = TagDefinition.safeParse(doc);
    const found = checked.success ? {} : fieldProblems(checked.error, WORDS);
    if (!Number.isInteger(doc.priority)) found.priority = 'Priority: a whole number, higher shows first.';
    const twin = tags.find((t) => t.id !== doc.id && t.isActive && t.tagType === doc.tagType && (t.tagValue ?? null) === doc.tagValue);
    if (twin) found.tagType = `Type code: “${twin.displayName}” already is ${doc.tagType}${doc.tagValue ? ` · ${doc.tagValue}` : ''}.`;
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    await write(checked.data!, `${doc.displayName} is saved.`);
  };

  const setActive = async (t: TagDefinition, isActive: boolean) => {
    await write(
      { ...t, isActive, updatedAt: recorder.timestamp() },
      isActive ? `${t.displayName} is back in use.` : `${t.displayName} is retired: staff no longer see it, and guests who have it keep it in their history and reports.`,
    );
  };

  const addStarters = async () => {
    const now = recorder.timestamp();
    const add = starterTags(tags, now);
    for (const t of add) await recorder.put('tag_definitions', t);
    setSaved(`${add.length} starter tags added.`);
  };

  return (
    <div className="editor">
      <section className="card stack" aria-labelledby="tags-title">
        <div className="row between">
          <h1 id="tags-title">Guest tags</h1>
          <div className="row">
            <button className="btn" onClick={() => choose(null)} disabled={!canEdit}>
              New tag
            </button>
            <button className="btn" onClick={() => void addStarters()} disabled={!canEdit}>
              Add starter tags
            </button>
          </div>
        </div>
        <label className="check">
          <input type="checkbox" checked={showRetired} onChange={(e) => setShowRetired(e.target.checked)} /> Show retired tags
        </label>
        <div className="scroll-table">
          <table className="table">
            <thead>
              <tr>
                <th>Tag</th>
                <th>Category</th>
                <th className="num">Priority</th>
                <th>Per guest</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ tag: t, depth }) => (
                <tr key={t.id}>
                  <td className="tight">
                    <button className="rowbtn" style={{ paddingLeft: `${0.5 + depth * 1.5}rem` }} aria-current={selected?.id === t.id} onClick={() => choose(t)}>
                      <span className="swatch" style={{ background: t.color }} aria-hidden="true" /> {depth > 0 && <span aria-hidden="true">↳ </span>}
                      {t.displayName} {!t.isActive && <span className="badge off">retired</span>}
                    </button>
                  </td>
                  <td>{CATEGORY_WORDS[t.category]}</td>
                  <td className="num">{t.priority}</td>
                  <td>{t.allowMultiple ? 'many' : 'one'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {tags.length === 0 && <p className="hint">No tags yet. “Add starter tags” gives you Wine Club tiers, VIP, preferences and more to edit.</p>}
        </div>
      </section>
      <form className="card" onSubmit={save} aria-labelledby="tag-form-title">
        <h2 id="tag-form-title">{selected ? `Edit ${selected.displayName}` : 'New tag'}</h2>
        <fieldset disabled={!canEdit} style={{ border: 0, padding: 0, margin: 0 }}>
          <div className="field">
            <label htmlFor="tag-name">Name staff see</label>
            <input id="tag-name" className="input" value={draft.displayName} onChange={(e) => setDraft({ ...draft, displayName: e.target.value })} aria-describedby="tag-name-problem" required />
            <Problem id="tag-name-problem" text={problems.displayName} />
          </div>
          <div className="form-grid">
            <div className="field">
              <label htmlFor="tag-type">Type code</label>
              <input id="tag-type" className="input" placeholder="WINE_CLUB" value={draft.tagType} onChange={(e) => setDraft({ ...draft, tagType: e.target.value })} aria-describedby="tag-type-problem" disabled={selected !== null} />
              <Problem id="tag-type-problem" text={problems.tagType} />
            </div>
            <div className="field">
              <label htmlFor="tag-value">Value (optional)</label>
              <input id="tag-value" className="input" placeholder="GOLD" value={draft.tagValue} onChange={(e) => setDraft({ ...draft, tagValue: e.target.value })} aria-describedby="tag-value-problem" disabled={selected !== null} />
              <Problem id="tag-value-problem" text={problems.tagValue} />
            </div>
          </div>
          {selected && <p className="hint">The type code and value are what reports group by, so they stay as they are; retire the tag and make a new one to change them.</p>}
          <div className="form-grid">
            <div className="field">
              <label htmlFor="tag-category">Category</label>
              <select id="tag-category" className="input" value={draft.category} onChange={(e) => setDraft({ ...draft, category: e.target.value as TagDefinition['category'] })}>
                {TAG_CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {CATEGORY_WORDS[c]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="tag-parent">Part of</label>
              <select id="tag-parent" className="input" value={draft.parentId} onChange={(e) => setDraft({ ...draft, parentId: e.target.value })}>
                <option value="">(top level)</option>
                {parents.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.displayName}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="tag-color">Colour</label>
              <input id="tag-color" className="input" type="color" value={draft.color} onChange={(e) => setDraft({ ...draft, color: e.target.value })} aria-describedby="tag-color-problem" />
              <Problem id="tag-color-problem" text={problems.color} />
            </div>
            <div className="field">
              <label htmlFor="tag-priority">Priority</label>
              <input id="tag-priority" className="input" inputMode="numeric" value={draft.priority} onChange={(e) => setDraft({ ...draft, priority: e.target.value })} aria-describedby="tag-priority-problem" />
              <Problem id="tag-priority-problem" text={problems.priority} />
            </div>
          </div>
          <label className="check">
            <input type="checkbox" checked={draft.allowMultiple} onChange={(e) => setDraft({ ...draft, allowMultiple: e.target.checked })} /> A guest may have several values of this type
          </label>
          <div className="field">
            <label htmlFor="tag-description">Description</label>
            <textarea id="tag-description" className="input" rows={2} value={draft.description} onChange={(e) => setDraft({ ...draft, description: e.target.value })} />
          </div>
          {saved && (
            <p className="notice ok" role="status">
              {saved}
            </p>
          )}
          <div className="row">
            <button className="btn primary big" type="submit" style={{ flex: 1 }}>
              Save tag
            </button>
            {selected &&
              (selected.isActive ? (
                <button type="button" className="btn danger big" onClick={() => void setActive(selected, false)}>
                  Retire
                </button>
              ) : (
                <button type="button" className="btn big" onClick={() => void setActive(selected, true)}>
                  Use again
                </button>
              ))}
          </div>
        </fieldset>
      </form>
    </div>
  );
}
