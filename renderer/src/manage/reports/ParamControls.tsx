import { EVENT_TYPES } from '@cellardoor/shared';
import { type FormEvent, useEffect, useState } from 'react';
import { useApp } from '../../app/context';
import { useObservable } from '../../data/use-query';
import { humanise } from '../../ui/format';
import type { ParamSpec } from './catalogue';
import { GuestPicker } from './GuestPicker';

export type ParamValues = Record<string, string>;

/** The report's parameters as touch-sized fields; nothing is asked of the server until "Show report". */
export function ParamControls({ specs, values, onApply }: { specs: readonly ParamSpec[]; values: ParamValues; onApply(v: ParamValues): void }) {
  const { db } = useApp();
  const [draft, setDraft] = useState<ParamValues>(values);
  useEffect(() => setDraft(values), [values]);
  // Choices come from the tablet's own copy of the catalogue, which works the same online or not.
  const tags = useObservable(() => db.tag_definitions.find().$, [], [db]);
  const venues = useObservable(() => db.venues.find().$, [], [db]);
  const tagTypes = [...new Set(tags.map((t) => t.tagType))].sort();
  const valuesOf = (type: string) => [...new Set(tags.filter((t) => t.tagType === type && t.tagValue).map((t) => t.tagValue as string))].sort();
  const set = (key: string, v: string) => setDraft((d) => ({ ...d, [key]: v, ...(key === 'tagType' ? { tagValue: '' } : {}) }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(draft);
  };

  const field = (p: ParamSpec) => {
    const id = `param-${p.key}`;
    const v = draft[p.key] ?? '';
    const hintId = p.hint ? `${id}-hint` : undefined;
    let control;
    switch (p.kind) {
      case 'tagType':
        control = (
          <select id={id} className="input" value={v} required={p.required} onChange={(e) => set(p.key, e.target.value)} aria-describedby={hintId}>
            <option value="">{p.required ? 'Choose a tag type' : 'All tag types'}</option>
            {tagTypes.map((t) => (
              <option key={t} value={t}>
                {humanise(t)}
              </option>
            ))}
          </select>
        );
        break;
      case 'tagValue':
        control = (
          <select id={id} className="input" value={v} onChange={(e) => set(p.key, e.target.value)} disabled={!draft.tagType}>
            <option value="">Any value</option>
            {valuesOf(draft.tagType ?? '').map((t) => (
              <option key={t} value={t}>
                {humanise(t)}
              </option>
            ))}
          </select>
        );
        break;
      case 'venue':
        control = (
          <select id={id} className="input" value={v} onChange={(e) => set(p.key, e.target.value)}>
            <option value="">All venues</option>
            {venues.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        );
        break;
      case 'eventType':
        control = (
          <select id={id} className="input" value={v} onChange={(e) => set(p.key, e.target.value)}>
            <option value="">All event types</option>
            {EVENT_TYPES.map((t) => (
              <option key={t} value={t}>
                {humanise(t)}
              </option>
            ))}
          </select>
        );
        break;
      case 'customer':
        control = <GuestPicker id={id} value={v} onChange={(next) => set(p.key, next)} />;
        break;
      case 'date':
        control = <input id={id} className="input" type="date" value={v} onChange={(e) => set(p.key, e.target.value)} aria-describedby={hintId} />;
        break;
      case 'cents':
        control = <input id={id} className="input" inputMode="decimal" value={v} placeholder="0.00" onChange={(e) => set(p.key, e.target.value)} />;
        break;
      default:
        control = (
          <input
            id={id}
            className="input"
            type="number"
            inputMode="numeric"
            min={p.min}
            max={p.max}
            step={1}
            value={v}
            placeholder={p.initial ? undefined : 'All'}
            onChange={(e) => set(p.key, e.target.value)}
          />
        );
    }
    return (
      <div className={`field${p.kind === 'customer' ? ' wide' : ''}`} key={p.key}>
        <label htmlFor={id}>
          {p.label}
          {p.kind === 'cents' ? ' ($)' : ''}
        </label>
        {control}
        {p.hint && (
          <span id={hintId} className="hint">
            {p.hint}
          </span>
        )}
      </div>
    );
  };

  return (
    <form className="param-form" onSubmit={submit} aria-label="Report choices">
      {specs.map(field)}
      <div className="field param-submit">
        <button type="submit" className="btn primary">
          Show report
        </button>
      </div>
    </form>
  );
}
