import type { FieldDescriptor, Operator } from '@cellardoor/shared';
import { useApp } from '../../app/context';
import { useObservable } from '../../data/use-query';
import { humanise } from '../../ui/format';
import { type DraftCondition, type DraftNode, newCondition, newGroup, nodeId, valueShape } from './rule-draft';

const OP_WORDS: Record<Operator, string> = {
  gt: 'more than',
  gte: 'at least',
  lt: 'less than',
  lte: 'at most',
  eq: 'exactly',
  between: 'between',
  withinLastDays: 'within the last … days',
  notWithinLastDays: 'not within the last … days',
  before: 'before',
  after: 'after',
  isEmpty: 'never',
  isNotEmpty: 'at some time',
  in: 'is one of',
  notIn: 'is none of',
  is: 'is',
  startsWith: 'starts with',
  has: 'has',
  hasNot: 'does not have',
  anyOf: 'any of',
  allOf: 'all of',
  noneOf: 'none of',
};
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

interface EditorProps {
  node: DraftNode;
  depth: number;
  fields: readonly FieldDescriptor[];
  problems: ReadonlyMap<string, string[]>;
  onChange(id: string, next: (n: DraftNode) => DraftNode | null): void;
  /** Top-level groups cannot be removed, only emptied. */
  removable: boolean;
}

/** Where a node's problems are shown, announced to screen readers, tied to the node by id. */
function Problems({ id, list }: { id: string; list: string[] | undefined }) {
  if (!list?.length) return null;
  return (
    <p id={`problem-${id}`} className="error rule-problem" role="alert">
      {list.join('; ')}
    </p>
  );
}

/** A rule tree, editable by touch: groups (all/any/not) hold conditions and other groups. */
export function RuleEditor(props: EditorProps) {
  const { node, depth, fields, problems, onChange, removable } = props;
  if (node.kind === 'cond') return <ConditionEditor {...props} node={node} />;
  if (node.kind === 'not')
    return (
      <fieldset className={`rule-group depth-${depth % 3}${problems.has(node.id) ? ' invalid' : ''}`}>
        <legend>None of this is true</legend>
        <Problems id={node.id} list={problems.get(node.id)} />
        <RuleEditor {...props} node={node.child} depth={depth + 1} removable={false} />
        <div className="row">
          <button type="button" className="btn" onClick={() => onChange(node.id, (n) => (n.kind === 'not' ? n.child : n))}>
            Drop “none of”
          </button>
          {removable && (
            <button type="button" className="btn danger" onClick={() => onChange(node.id, () => null)}>
              Remove this group
            </button>
          )}
        </div>
      </fieldset>
    );
  const label = node.kind === 'all' ? 'Guests who match all of these' : 'Guests who match any of these';
  return (
    <fieldset className={`rule-group depth-${depth % 3}${problems.has(node.id) ? ' invalid' : ''}`} aria-describedby={problems.has(node.id) ? `problem-${node.id}` : undefined}>
      <legend>{label}</legend>
      <div className="row" role="radiogroup" aria-label="How the conditions combine">
        {(['all', 'any'] as const).map((k) => (
          <button
            key={k}
            type="button"
            role="radio"
            aria-checked={node.kind === k}
            className={`btn${node.kind === k ? ' primary' : ''}`}
            onClick={() => onChange(node.id, (n) => (n.kind === 'all' || n.kind === 'any' ? { ...n, kind: k } : n))}
          >
            {k === 'all' ? 'All of these' : 'Any of these'}
          </button>
        ))}
      </div>
      <Problems id={node.id} list={problems.get(node.id)} />
      {node.children.map((c) => (
        <RuleEditor key={c.id} {...props} node={c} depth={depth + 1} removable />
      ))}
      <div className="row">
        <button type="button" className="btn" onClick={() => onChange(node.id, (n) => (n.kind === 'all' || n.kind === 'any' ? { ...n, children: [...n.children, newCondition(fields[0]!)] } : n))}>
          Add a condition
        </button>
        <button
          type="button"
          className="btn"
          onClick={() =>
            onChange(node.id, (n) => (n.kind === 'all' || n.kind === 'any' ? { ...n, children: [...n.children, newGroup(n.kind === 'all' ? 'any' : 'all', [newCondition(fields[0]!)])] } : n))
          }
        >
          Add a group
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => onChange(node.id, (n) => (n.kind === 'all' || n.kind === 'any' ? { ...n, children: [...n.children, { id: nodeId(), kind: 'not', child: newCondition(fields[0]!) }] } : n))}
        >
          Add “none of”
        </button>
        {removable && (
          <button type="button" className="btn danger" onClick={() => onChange(node.id, () => null)}>
            Remove this group
          </button>
        )}
      </div>
    </fieldset>
  );
}

function ConditionEditor({ node, fields, problems, onChange }: EditorProps & { node: DraftCondition }) {
  const { db } = useApp();
  const tags = useObservable(() => db.tag_definitions.find().$, [], [db]);
  const venues = useObservable(() => db.venues.find().$, [], [db]);
  const f = fields.find((x) => x.name === node.field);
  const set = (patch: Partial<DraftCondition>) => onChange(node.id, (n) => (n.kind === 'cond' ? { ...n, ...patch } : n));
  const problem = problems.get(node.id);
  const id = node.id;
  const shape = f ? valueShape(f, node.op) : 'none';
  const tagTypes = [...new Set(tags.map((t) => t.tagType))].sort();
  const tagValues = [...new Set(tags.filter((t) => t.tagType === node.tagType && t.tagValue).map((t) => t.tagValue as string))].sort();
  const choiceOptions: Array<{ value: string; label: string }> =
    f?.name === 'venueVisited'
      ? venues.map((v) => ({ value: v.id, label: v.name }))
      : f?.type === 'month'
        ? MONTHS.map((m, i) => ({ value: String(i + 1), label: m }))
        : ((f?.allowedValues ?? []) as ReadonlyArray<string | number>).map((v) => ({ value: String(v), label: humanise(String(v)) }));
  const toggle = (v: string) => set({ choices: node.choices.includes(v) ? node.choices.filter((x) => x !== v) : [...node.choices, v] });
  const describedBy = problem ? `problem-${id}` : f ? `help-${id}` : undefined;

  return (
    <div className={`rule-line${problem ? ' invalid' : ''}`} data-testid="rule-condition">
      <div className="field">
        <label htmlFor={`field-${id}`}>Field</label>
        <select
          id={`field-${id}`}
          className="input"
          value={node.field}
          onChange={(e) => {
            const next = fields.find((x) => x.name === e.target.value)!;
            set({ ...newCondition(next), id });
          }}
          aria-describedby={describedBy}
        >
          {fields.map((x) => (
            <option key={x.name} value={x.name}>
              {x.label}
            </option>
          ))}
        </select>
        {f && (
          <span id={`help-${id}`} className="hint">
            {/* Amounts are typed in dollars here, so the server's note about cents does not apply. */}
            {f.help.replace(/,? in cents/, '')}
          </span>
        )}
      </div>
      <div className="field">
        <label htmlFor={`op-${id}`}>Condition</label>
        <select id={`op-${id}`} className="input" value={node.op} onChange={(e) => set({ op: e.target.value as Operator, text: '', text2: '' })}>
          {(f?.operators ?? []).map((o) => (
            <option key={o} value={o}>
              {OP_WORDS[o] ?? o}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        {shape === 'none' ? (
          <span className="hint">No value needed.</span>
        ) : shape === 'money' || shape === 'number' || shape === 'days' || shape === 'text' || shape === 'textList' ? (
          <>
            <label htmlFor={`value-${id}`}>{shape === 'money' ? 'Amount ($)' : shape === 'days' ? 'Days' : shape === 'textList' ? 'Values, separated by commas' : 'Value'}</label>
            <input
              id={`value-${id}`}
              className="input"
              inputMode={shape === 'money' ? 'decimal' : shape === 'text' || shape === 'textList' ? undefined : 'numeric'}
              value={node.text}
              onChange={(e) => set({ text: e.target.value })}
              aria-invalid={problem ? true : undefined}
              aria-describedby={describedBy}
            />
          </>
        ) : shape === 'range' || shape === 'moneyRange' ? (
          <div className="row">
            <label className="sr-only" htmlFor={`value-${id}`}>
              From
            </label>
            <input id={`value-${id}`} className="input range-input" inputMode="decimal" placeholder="from" value={node.text} onChange={(e) => set({ text: e.target.value })} />
            <label className="sr-only" htmlFor={`value2-${id}`}>
              To
            </label>
            <input id={`value2-${id}`} className="input range-input" inputMode="decimal" placeholder="to" value={node.text2} onChange={(e) => set({ text2: e.target.value })} />
          </div>
        ) : shape === 'date' ? (
          <>
            <label htmlFor={`value-${id}`}>Date</label>
            <input id={`value-${id}`} className="input" type="date" value={node.text} onChange={(e) => set({ text: e.target.value })} />
          </>
        ) : shape === 'boolean' ? (
          <>
            <label htmlFor={`value-${id}`}>Value</label>
            <select id={`value-${id}`} className="input" value={node.text} onChange={(e) => set({ text: e.target.value })}>
              <option value="">Choose</option>
              <option value="true">Yes</option>
              <option value="false">No</option>
            </select>
          </>
        ) : shape === 'tag' ? (
          <div className="row">
            <label className="sr-only" htmlFor={`value-${id}`}>
              Tag type
            </label>
            <select id={`value-${id}`} className="input" value={node.tagType} onChange={(e) => set({ tagType: e.target.value, tagValue: '' })}>
              <option value="">Choose a tag type</option>
              {tagTypes.map((t) => (
                <option key={t} value={t}>
                  {humanise(t)}
                </option>
              ))}
            </select>
            <label className="sr-only" htmlFor={`value2-${id}`}>
              Tag value
            </label>
            <select id={`value2-${id}`} className="input" value={node.tagValue} onChange={(e) => set({ tagValue: e.target.value })} disabled={!node.tagType}>
              <option value="">Any value</option>
              {tagValues.map((t) => (
                <option key={t} value={t}>
                  {humanise(t)}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <div className="choice-chips" role="group" aria-label={`${f?.label ?? 'Values'}: choose`}>
            {choiceOptions.map((o) => (
              <button key={o.value} type="button" className={`btn${node.choices.includes(o.value) ? ' primary' : ''}`} aria-pressed={node.choices.includes(o.value)} onClick={() => toggle(o.value)}>
                {o.label}
              </button>
            ))}
          </div>
        )}
        {f?.window && (
          <>
            <label htmlFor={`window-${id}`}>When</label>
            <select id={`window-${id}`} className="input" value={node.withinDays} onChange={(e) => set({ withinDays: e.target.value })}>
              <option value="">Any time</option>
              {[30, 90, 365].map((d) => (
                <option key={d} value={String(d)}>
                  In the last {d} days
                </option>
              ))}
            </select>
          </>
        )}
      </div>
      <div className="field">
        <span className="label" aria-hidden="true">
          &nbsp;
        </span>
        <button type="button" className="btn danger" onClick={() => onChange(node.id, () => null)} aria-label={`Remove the condition on ${f?.label ?? node.field}`}>
          Remove
        </button>
      </div>
      {problem && (
        <p id={`problem-${id}`} className="error rule-problem wide" role="alert">
          {problem.join('; ')}
        </p>
      )}
    </div>
  );
}
