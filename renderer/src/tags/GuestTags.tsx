import type { CustomerTag, TagDefinition } from '@cellardoor/shared';
import { useState } from 'react';
import { useApp } from '../app/context';
import { useCurrentEvent } from '../events/current-event';
import { formatDateTime } from '../ui/format';
import { removeTag, tapTag } from './tag-guest';
import { pickableGroups, planTagTap, tagColour, tagLabel } from './tag-rules';
import './tags.css';

const CATEGORY_WORDS: Record<TagDefinition['category'], string> = { SEGMENT: 'Segments', PREFERENCE: 'Preferences', BEHAVIOR: 'Behaviour', DEMOGRAPHIC: 'About them' };

/** The guest's active tags as chips, each removable with one tap. */
export function TagChips({ tags, defs, staffId }: { tags: CustomerTag[]; defs: TagDefinition[]; staffId: string }) {
  const app = useApp();
  return (
    <div className="row" aria-label="Active tags" data-testid="active-tags">
      {tags.length === 0 && <span className="hint">No tags yet.</span>}
      {tags.map((t) => (
        <span key={t.id} className="chip" style={{ background: tagColour(t, defs) }} data-tag-id={t.id}>
          {tagLabel(t, defs)}
          <button aria-label={`Remove tag ${tagLabel(t, defs)}`} onClick={() => void removeTag(app, t.id, staffId)}>
            ×
          </button>
        </span>
      ))}
    </div>
  );
}

/** Every tag staff may tap, by category; a tap adds, removes or replaces as the definition says. */
export function TagPicker({ customerId, active, defs, staffId }: { customerId: string; active: CustomerTag[]; defs: TagDefinition[]; staffId: string }) {
  const app = useApp();
  const event = useCurrentEvent(app.credentials.deviceId);
  const [message, setMessage] = useState<string | null>(null);
  const tap = async (def: TagDefinition) => {
    const plan = planTagTap(def, defs, active);
    if (plan.kind === 'blocked') return setMessage(plan.reason);
    const replaced = plan.kind === 'replace' ? active.filter((t) => plan.removeIds.includes(t.id)).map((t) => tagLabel(t, defs)) : [];
    await tapTag(app, { customerId, def, defs, active, staffId, event });
    setMessage(replaced.length > 0 ? `${def.displayName} replaced ${replaced.join(', ')} (one at a time).` : null);
  };
  return (
    <div className="stack">
      {event && <p className="hint">Tags added now are recorded as tagged at {event.name}.</p>}
      {pickableGroups(defs).map((g) => (
        <div key={g.category} role="group" aria-label={CATEGORY_WORDS[g.category]}>
          <h3 className="tag-group">{CATEGORY_WORDS[g.category]}</h3>
          <div className="tag-picker">
            {g.tags.map(({ def, depth }) => {
              const on = active.some((t) => t.tagType === def.tagType && (t.tagValue ?? null) === def.tagValue);
              return (
                <button
                  key={def.id}
                  className="btn tag-toggle"
                  aria-pressed={on}
                  data-depth={depth}
                  style={{ borderColor: def.color, background: on ? def.color : '#fff', color: on ? '#fff' : '#1d1b1c' }}
                  onClick={() => void tap(def)}
                >
                  {def.displayName}
                </button>
              );
            })}
          </div>
        </div>
      ))}
      {message && (
        <p className="hint" role="status">
          {message}
        </p>
      )}
    </div>
  );
}

/** Tags the guest had: who added and removed each, and when. */
export function TagHistory({ tags, defs, staffName }: { tags: CustomerTag[]; defs: TagDefinition[]; staffName(id: string | null): string }) {
  if (tags.length === 0) return <p className="hint">No past tags.</p>;
  return (
    <table className="table" aria-label="Past tags">
      <thead>
        <tr>
          <th>Tag</th>
          <th>Added</th>
          <th>Removed</th>
        </tr>
      </thead>
      <tbody>
        {tags.map((t) => (
          <tr key={t.id}>
            <td>
              <span className="chip small" style={{ background: tagColour(t, defs) }}>
                {tagLabel(t, defs)}
              </span>
            </td>
            <td>
              {formatDateTime(t.addedAt)}
              <br />
              <span className="hint">
                by {staffName(t.addedBy)}
                {t.source !== 'MANUAL' ? ` · ${t.source.toLowerCase()}` : ''}
              </span>
            </td>
            <td>
              {formatDateTime(t.removedAt)}
              <br />
              <span className="hint">by {staffName(t.removedBy)}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
