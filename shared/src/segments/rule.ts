import { z } from 'zod';
import { Code } from '../schemas/common';
import { type FieldDescriptor, type Operator, segmentField } from './fields';

/**
 * A segment rule: nested `all` / `any` / `not` groups whose leaves are conditions on one
 * whitelisted field (fields.ts). Example — wine-club guests who spent over $500 in the last
 * 365 days and have not bought for 90 days:
 *
 *   { all: [
 *       { field: 'tag', op: 'has', value: { tagType: 'WINE_CLUB' } },
 *       { field: 'totalSpentCents', op: 'gt', value: 50000, withinDays: 365 },
 *       { field: 'daysSinceLastOrder', op: 'gte', value: 90 } ] }
 */
export interface SegmentCondition {
  field: string;
  op: Operator;
  value?: unknown;
  /** Limits the condition to the last N days (windowed fields only). */
  withinDays?: number;
}
export type SegmentRule = { all: SegmentRule[] } | { any: SegmentRule[] } | { not: SegmentRule } | SegmentCondition;

export const MAX_RULE_DEPTH = 8;
export const MAX_RULE_CONDITIONS = 100;

export interface RuleIssue {
  /** Where in the rule, e.g. `all.1.any.0.value`. */
  path: string;
  message: string;
}

const WithinDays = z.number().int('must be a whole number of days').min(1, 'must be at least 1 day').max(3650, 'must be at most 3650 days');
const Money = z.number().int('must be whole cents').min(-100_000_000_000).max(100_000_000_000);
const Count = z.number().int('must be a whole number').min(0, 'must not be negative').max(1_000_000_000);
const DateOrInstant = z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: 'must be a date like 2026-01-31 or an ISO date-time' });
const TagValue = z.strictObject({ tagType: Code, tagValue: z.string().min(1).max(200).nullable().optional() });

/** The value schema for one field and operator. */
function valueSchema(f: FieldDescriptor, op: Operator): z.ZodType | null {
  const choices = (f.allowedValues ?? []) as readonly (string | number)[];
  switch (f.type) {
    case 'money':
    case 'integer': {
      const n = f.type === 'money' ? Money : Count;
      return op === 'between'
        ? z.tuple([n, n], { error: 'must be two numbers [from, to]' }).refine(([a, b]) => a <= b, 'the first number must not exceed the second')
        : n;
    }
    case 'date':
      if (op === 'isEmpty' || op === 'isNotEmpty') return null;
      if (op === 'withinLastDays' || op === 'notWithinLastDays') return WithinDays;
      return DateOrInstant;
    case 'enum':
      return z.array(z.enum(choices.map(String) as [string, ...string[]], { error: `must be one of ${choices.join(', ')}` })).min(1, 'choose at least one value').max(50);
    case 'code':
      return z.array(Code).min(1, 'choose at least one value').max(50);
    case 'month':
      return z.array(z.number().int().min(1, 'months are 1 to 12').max(12, 'months are 1 to 12')).min(1, 'choose at least one month').max(12);
    case 'boolean':
      return z.boolean({ error: 'must be true or false' });
    case 'text':
      return op === 'in' ? z.array(z.string().trim().min(1).max(20)).min(1, 'give at least one value').max(500) : z.string().trim().min(1, 'must not be empty').max(20);
    case 'tag':
      return TagValue;
    case 'set':
      return f.name === 'venueVisited'
        ? z.array(z.uuid({ error: 'must be a venue id' })).min(1, 'choose at least one venue').max(100)
        : z.array(Code).min(1, 'choose at least one value').max(50);
  }
}

const ConditionShape = z.strictObject({ field: z.string(), op: z.string(), value: z.unknown().optional(), withinDays: z.unknown().optional() });

/**
 * Checks a rule and returns it in canonical form, or every problem with its path. Used by the
 * builder (to show the error in place) and by the server, which refuses a bad rule with 422.
 */
export function validateRule(input: unknown): { ok: true; rule: SegmentRule } | { ok: false; issues: RuleIssue[] } {
  const issues: RuleIssue[] = [];
  let conditions = 0;
  const at = (path: (string | number)[]) => (path.length ? path.join('.') : '(rule)');

  function walk(node: unknown, path: (string | number)[], depth: number): SegmentRule | null {
    if (depth > MAX_RULE_DEPTH) {
      issues.push({ path: at(path), message: `groups may nest at most ${MAX_RULE_DEPTH} deep` });
      return null;
    }
    if (typeof node !== 'object' || node === null || Array.isArray(node)) {
      issues.push({ path: at(path), message: 'must be a group ({all: […]}, {any: […]}, {not: …}) or a condition ({field, op, value})' });
      return null;
    }
    const keys = Object.keys(node);
    const obj = node as Record<string, unknown>;
    for (const g of ['all', 'any'] as const)
      if (g in obj) {
        if (keys.length !== 1) {
          issues.push({ path: at(path), message: `a group has only its "${g}" list` });
          return null;
        }
        const list = obj[g];
        if (!Array.isArray(list) || list.length === 0) {
          issues.push({ path: at([...path, g]), message: 'must be a non-empty list of rules' });
          return null;
        }
        const children = list.map((c, i) => walk(c, [...path, g, i], depth + 1));
        return children.every((c) => c !== null) ? ({ [g]: children } as SegmentRule) : null;
      }
    if ('not' in obj) {
      if (keys.length !== 1) {
        issues.push({ path: at(path), message: 'a "not" group has only its "not" rule' });
        return null;
      }
      const child = walk(obj.not, [...path, 'not'], depth + 1);
      return child ? { not: child } : null;
    }
    conditions++;
    if (conditions === MAX_RULE_CONDITIONS + 1) issues.push({ path: at(path), message: `a rule may have at most ${MAX_RULE_CONDITIONS} conditions` });
    const shape = ConditionShape.safeParse(node);
    if (!shape.success) {
      for (const i of shape.error.issues)
        issues.push({ path: at([...path, ...(i.path as (string | number)[])]), message: i.code === 'unrecognized_keys' ? `unknown key ${i.keys.join(', ')}` : i.message });
      return null;
    }
    const { field: name, op, value, withinDays } = shape.data;
    const f = segmentField(name);
    if (!f) {
      issues.push({ path: at([...path, 'field']), message: `unknown field "${name}"` });
      return null;
    }
    if (!(f.operators as readonly string[]).includes(op)) {
      issues.push({ path: at([...path, 'op']), message: `"${op}" does not apply to ${f.label}; use one of ${f.operators.join(', ')}` });
      return null;
    }
    const out: SegmentCondition = { field: name, op: op as Operator };
    const schema = valueSchema(f, op as Operator);
    if (schema === null) {
      if (value !== undefined) issues.push({ path: at([...path, 'value']), message: `"${op}" takes no value` });
    } else {
      const v = schema.safeParse(value);
      if (!v.success) for (const i of v.error.issues) issues.push({ path: at([...path, 'value', ...(i.path as (string | number)[])]), message: value === undefined ? 'a value is needed' : i.message });
      else out.value = v.data;
    }
    if (withinDays !== undefined) {
      if (!f.window) issues.push({ path: at([...path, 'withinDays']), message: `${f.label} cannot be limited to a time window` });
      else {
        const w = WithinDays.safeParse(withinDays);
        if (!w.success) issues.push({ path: at([...path, 'withinDays']), message: w.error.issues[0]!.message });
        else out.withinDays = w.data;
      }
    }
    return out;
  }

  const rule = walk(input, [], 0);
  return issues.length === 0 && rule ? { ok: true, rule } : { ok: false, issues };
}

/** A zod schema that accepts exactly the valid rules, reporting each issue at its path. */
export const SegmentRuleSchema: z.ZodType<SegmentRule> = z.unknown().transform((v, ctx) => {
  const r = validateRule(v);
  if (r.ok) return r.rule;
  for (const i of r.issues) ctx.addIssue({ code: 'custom', message: i.message, path: i.path === '(rule)' ? [] : i.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) });
  return z.NEVER;
});
