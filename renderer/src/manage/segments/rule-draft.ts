import { type FieldDescriptor, type Operator, type RuleIssue, type SegmentCondition, type SegmentRule, parseMoney, validateRule } from '@cellardoor/shared';

/**
 * The builder's editable form of a segment rule: the same tree, with ids for React and the
 * fields' values as the manager typed them. `toRule` turns it into the rule the server takes and
 * remembers each node's path in it, so the server's (or the shared validator's) message for
 * `all.1.any.0.value` is shown beside that very condition.
 */
export type DraftNode = DraftGroup | DraftNot | DraftCondition;
export interface DraftGroup {
  id: string;
  kind: 'all' | 'any';
  children: DraftNode[];
}
export interface DraftNot {
  id: string;
  kind: 'not';
  child: DraftNode;
}
export interface DraftCondition {
  id: string;
  kind: 'cond';
  field: string;
  op: Operator;
  /** Number, money, date, days or text as typed; `text2` is the upper end of "between". */
  text: string;
  text2: string;
  /** Picked values of a choice field. */
  choices: string[];
  tagType: string;
  tagValue: string;
  /** '' = any time; otherwise a number of days. */
  withinDays: string;
}

let counter = 0;
export const nodeId = () => `n${++counter}`;

export function newCondition(field: FieldDescriptor): DraftCondition {
  return { id: nodeId(), kind: 'cond', field: field.name, op: field.operators[0]!, text: '', text2: '', choices: [], tagType: '', tagValue: '', withinDays: '' };
}
export const newGroup = (kind: 'all' | 'any', children: DraftNode[]): DraftGroup => ({ id: nodeId(), kind, children });

/** Whether the operator takes a value, and of which shape. */
export function valueShape(f: FieldDescriptor, op: Operator): 'none' | 'number' | 'money' | 'range' | 'moneyRange' | 'days' | 'date' | 'choices' | 'boolean' | 'text' | 'textList' | 'tag' {
  switch (f.type) {
    case 'money':
      return op === 'between' ? 'moneyRange' : 'money';
    case 'integer':
      return op === 'between' ? 'range' : 'number';
    case 'date':
      return op === 'isEmpty' || op === 'isNotEmpty' ? 'none' : op === 'withinLastDays' || op === 'notWithinLastDays' ? 'days' : 'date';
    case 'boolean':
      return 'boolean';
    case 'text':
      return op === 'in' ? 'textList' : 'text';
    case 'tag':
      return 'tag';
    default:
      return 'choices';
  }
}

interface Built {
  rule: SegmentRule;
  /** Rule path ('' for the top) → draft node id. */
  paths: Map<string, string>;
  /** Values that could not even be read (e.g. "abc" as money), by node id. */
  local: Map<string, string>;
}

const whole = (t: string): number | string => (/^-?\d+$/.test(t.trim()) ? Number(t.trim()) : t);

function conditionOf(c: DraftCondition, f: FieldDescriptor | undefined, local: Map<string, string>): SegmentCondition {
  const out: SegmentCondition = { field: c.field, op: c.op };
  if (c.withinDays) out.withinDays = Number(c.withinDays);
  if (!f) return out;
  const money = (t: string) => {
    if (!t.trim()) return undefined;
    const cents = parseMoney(t);
    if (cents === null) local.set(c.id, `“${t}” is not an amount like 250 or 99.50`);
    return cents ?? t;
  };
  const num = (t: string) => (t.trim() ? whole(t) : undefined);
  switch (valueShape(f, c.op)) {
    case 'none':
      break;
    case 'money':
      out.value = money(c.text);
      break;
    case 'moneyRange':
      out.value = c.text.trim() || c.text2.trim() ? [money(c.text), money(c.text2)] : undefined;
      break;
    case 'number':
    case 'days':
      out.value = num(c.text);
      break;
    case 'range':
      out.value = c.text.trim() || c.text2.trim() ? [num(c.text), num(c.text2)] : undefined;
      break;
    case 'date':
      out.value = c.text || undefined;
      break;
    case 'boolean':
      out.value = c.text === '' ? undefined : c.text === 'true';
      break;
    case 'text':
      out.value = c.text.trim() || undefined;
      break;
    case 'textList': {
      const list = c.text.split(',').map((s) => s.trim()).filter(Boolean);
      out.value = list.length ? list : undefined;
      break;
    }
    case 'tag':
      out.value = c.tagType ? { tagType: c.tagType, tagValue: c.tagValue || null } : undefined;
      break;
    case 'choices':
      // An empty list (not a missing value) draws the validator's "choose at least one value".
      out.value = f.type === 'month' ? c.choices.map(Number) : c.choices;
      break;
  }
  return out;
}

export function toRule(root: DraftNode, fields: ReadonlyMap<string, FieldDescriptor>): Built {
  const paths = new Map<string, string>();
  const local = new Map<string, string>();
  const walk = (n: DraftNode, path: string): SegmentRule => {
    paths.set(path, n.id);
    const join = (k: string | number) => (path ? `${path}.${k}` : String(k));
    if (n.kind === 'not') return { not: walk(n.child, join('not')) };
    if (n.kind === 'cond') return conditionOf(n, fields.get(n.field), local);
    const list = n.children.map((c, i) => walk(c, join(`${n.kind}.${i}`)));
    return n.kind === 'all' ? { all: list } : { any: list };
  };
  return { rule: walk(root, ''), paths, local };
}

/** Issues by the id of the node they belong to: the longest node path that starts the issue's path. */
export function issuesByNode(issues: readonly RuleIssue[], paths: ReadonlyMap<string, string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const i of issues) {
    let p = i.path === '(rule)' ? '' : i.path;
    while (!paths.has(p) && p !== '') p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '';
    const id = paths.get(p)!;
    out.set(id, [...(out.get(id) ?? []), i.message]);
  }
  return out;
}

/** The rule and where it is wrong, checked with the same validator the server runs. */
export function checkDraft(root: DraftNode, fields: ReadonlyMap<string, FieldDescriptor>): { rule: SegmentRule; ok: boolean; problems: Map<string, string[]>; paths: Map<string, string> } {
  const built = toRule(root, fields);
  const v = validateRule(built.rule);
  const problems = v.ok ? new Map<string, string[]>() : issuesByNode(v.issues, built.paths);
  // A value that could not be read says so in plain words instead of the type error.
  for (const [id, message] of built.local) problems.set(id, [message]);
  return { rule: v.ok ? v.rule : built.rule, ok: v.ok && built.local.size === 0, problems, paths: built.paths };
}

const centsText = (v: unknown) => (typeof v === 'number' ? (v / 100).toFixed(2).replace(/\.00$/, '') : '');

/** An existing segment's rule as a draft to edit. */
export function fromRule(rule: SegmentRule, fields: ReadonlyMap<string, FieldDescriptor>): DraftNode {
  if ('all' in rule) return newGroup('all', rule.all.map((r) => fromRule(r, fields)));
  if ('any' in rule) return newGroup('any', rule.any.map((r) => fromRule(r, fields)));
  if ('not' in rule) return { id: nodeId(), kind: 'not', child: fromRule(rule.not, fields) };
  const f = fields.get(rule.field);
  const c: DraftCondition = { ...newCondition(f ?? { name: rule.field, label: rule.field, help: '', type: 'text', operators: [rule.op], window: false }), op: rule.op };
  if (rule.withinDays) c.withinDays = String(rule.withinDays);
  const v = rule.value;
  if (!f) return c;
  switch (valueShape(f, rule.op)) {
    case 'money':
      c.text = centsText(v);
      break;
    case 'moneyRange':
      [c.text, c.text2] = Array.isArray(v) ? [centsText(v[0]), centsText(v[1])] : ['', ''];
      break;
    case 'range':
      [c.text, c.text2] = Array.isArray(v) ? [String(v[0] ?? ''), String(v[1] ?? '')] : ['', ''];
      break;
    case 'tag': {
      const t = v as { tagType?: string; tagValue?: string | null } | undefined;
      c.tagType = t?.tagType ?? '';
      c.tagValue = t?.tagValue ?? '';
      break;
    }
    case 'choices':
      c.choices = Array.isArray(v) ? v.map(String) : [];
      break;
    case 'textList':
      c.text = Array.isArray(v) ? v.join(', ') : '';
      break;
    case 'boolean':
      c.text = v === undefined ? '' : String(v);
      break;
    case 'none':
      break;
    default:
      c.text = v === undefined || v === null ? '' : String(v);
  }
  return c;
}

/** Replaces the node with this id (immutably). */
export function replaceNode(root: DraftNode, id: string, next: (n: DraftNode) => DraftNode | null): DraftNode | null {
  if (root.id === id) return next(root);
  if (root.kind === 'not') {
    const child = replaceNode(root.child, id, next);
    return child ? { ...root, child } : null;
  }
  if (root.kind === 'cond') return root;
  return { ...root, children: root.children.map((c) => replaceNode(c, id, next)).filter((c): c is DraftNode => c !== null) };
}
