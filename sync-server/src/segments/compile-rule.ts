import type { SegmentCondition, SegmentRule } from '@cellardoor/shared';
import type { Named } from '../reports/summaries/sql';
import { WINDOW_ALIAS, type WindowAggregate, type WindowSource, inWindow } from './rule-windows';

/**
 * Compiles a validated segment rule (shared/src/segments/rule.ts) to one SQL boolean over the
 * guest relation aliased `g` (guest-relation.ts). Every field maps to a fixed fragment of this
 * file; values from the rule only ever travel as named parameters ($r0, $r1, …), never as SQL
 * text. Each condition is coalesced to false so `not` is the exact complement: a guest without
 * an order is "not" in "average order over $50".
 */
export interface CompiledRule {
  sql: string;
  params: Named;
  /** The windowed aggregates the rule reads (rule-windows.ts computes them once per statement). */
  windows: WindowAggregate[];
}

class Params {
  readonly values: Named = {};
  readonly windows: WindowAggregate[] = [];
  constructor(private readonly prefix: string) {}
  add(v: unknown): string {
    const name = `${this.prefix}${Object.keys(this.values).length}`;
    this.values[name] = v;
    return `$${name}`;
  }
  /** Registers a per-guest aggregate over a window; returns the column that holds it. */
  window(source: WindowSource, days: number, aggregate: (win: (col: string) => string) => string): string {
    const d = this.add(days);
    const column = `${this.prefix}w${this.windows.length}`;
    this.windows.push({ source, column, days, sql: aggregate((col) => inWindow(col, d)) });
    return `${WINDOW_ALIAS[source]}.${column}`;
  }
}

function numberOp(expr: string, op: string, value: unknown, p: Params): string {
  if (op === 'between') {
    const [a, b] = value as [number, number];
    return `${expr} BETWEEN ${p.add(a)} AND ${p.add(b)}`;
  }
  const sym = { gt: '>', gte: '>=', lt: '<', lte: '<=', eq: '=' }[op];
  if (!sym) throw new Error(`not a number operator: ${op}`);
  return `${expr} ${sym} ${p.add(value)}`;
}

function dateOp(col: string, op: string, value: unknown, p: Params): string {
  switch (op) {
    case 'withinLastDays':
      return inWindow(col, p.add(value));
    case 'notWithinLastDays':
      return `${col} <= $asOf::timestamptz - make_interval(secs => ${p.add(value)}::int * 86400)`;
    case 'before':
      return `${col} < ${p.add(value)}::timestamptz`;
    case 'after':
      return `${col} > ${p.add(value)}::timestamptz`;
    case 'isEmpty':
      return `${col} IS NULL`;
    case 'isNotEmpty':
      return `${col} IS NOT NULL`;
    default:
      throw new Error(`not a date operator: ${op}`);
  }
}

function choiceOp(col: string, op: string, value: unknown, p: Params, cast: string): string {
  const hit = `coalesce(${col} = ANY(${p.add(value)}::${cast}[]), false)`;
  return op === 'notIn' ? `NOT ${hit}` : hit;
}

/** A set field without a window reads the guest's precomputed array. */
function setOp(col: string, op: string, values: unknown, p: Params, cast: string): string {
  const arr = `${p.add(values)}::${cast}[]`;
  if (op === 'anyOf') return `${col} && ${arr}`;
  if (op === 'allOf') return `${col} @> ${arr}`;
  return `NOT (${col} && ${arr})`;
}

/**
 * A set field with a window: `found` is the distinct values of the rule's list the guest had
 * within it (null when none), so "all of" is a count of the list's values found.
 */
function windowedSetOp(op: string, found: string, arr: string): string {
  const have = `coalesce(${found}, '{}')`;
  if (op === 'anyOf') return `cardinality(${have}) > 0`;
  if (op === 'noneOf') return `cardinality(${have}) = 0`;
  return `(SELECT count(DISTINCT v) FROM unnest(${have}) v) = cardinality(${arr})`;
}

function condition(c: SegmentCondition, p: Params): string {
  const w = c.withinDays;
  switch (c.field) {
    case 'totalSpentCents':
      if (w === undefined) return numberOp('g.revenue_cents', c.op, c.value, p);
      return numberOp(
        `coalesce(${p.window('orders', w, (inW) => `sum(o.total_cents) FILTER (WHERE o.kind IN ('SALE', 'REFUND') AND ${inW('o.created_at')})`)}, 0)`,
        c.op,
        c.value,
        p,
      );
    case 'orderCount':
      if (w === undefined) return numberOp('g.sale_count', c.op, c.value, p);
      return numberOp(`coalesce(${p.window('orders', w, (inW) => `count(*) FILTER (WHERE o.kind = 'SALE' AND ${inW('o.created_at')})`)}, 0)`, c.op, c.value, p);
    case 'avgOrderCents':
      return numberOp('g.avg_order_cents', c.op, c.value, p);
    case 'daysSinceLastOrder':
      return numberOp(`floor(extract(epoch FROM $asOf::timestamptz - g.last_sale_at) / 86400)`, c.op, c.value, p);
    case 'firstOrderAt':
      return dateOp('g.first_sale_at', c.op, c.value, p);
    case 'lastOrderAt':
      return dateOp('g.last_sale_at', c.op, c.value, p);
    case 'guestSince':
      return dateOp('g.guest_since', c.op, c.value, p);
    case 'tag': {
      const v = c.value as { tagType: string; tagValue?: string | null };
      const key = v.tagValue ? `${v.tagType}=${v.tagValue}` : v.tagType;
      const has =
        w === undefined
          ? `g.tag_keys @> ARRAY[${p.add(key)}::text]`
          : `coalesce(${p.window(
              'tags',
              w,
              (inW) => `bool_or(t.removed_at IS NULL AND t.tag_type = ${p.add(v.tagType)} ${v.tagValue ? `AND t.tag_value = ${p.add(v.tagValue)}` : ''} AND ${inW('t.added_at')})`,
            )}, false)`;
      return c.op === 'hasNot' ? `NOT ${has}` : has;
    }
    case 'categoryBought': {
      if (w === undefined) return setOp('g.categories', c.op, c.value, p, 'text');
      const arr = `${p.add(c.value)}::text[]`;
      const found = p.window('items', w, (inW) => `array_agg(DISTINCT i.category) FILTER (WHERE i.quantity > 0 AND i.category = ANY(${arr}) AND ${inW('i.created_at')})`);
      return windowedSetOp(c.op, found, arr);
    }
    case 'eventTypeAttended': {
      if (w === undefined) return setOp('g.event_types', c.op, c.value, p, 'text');
      const arr = `${p.add(c.value)}::text[]`;
      const bought = p.window(
        'orders',
        w,
        (inW) => `array_agg(DISTINCT o.event_type) FILTER (WHERE o.kind = 'SALE' AND o.is_event_sale AND o.event_type = ANY(${arr}) AND ${inW('o.created_at')})`,
      );
      const tagged = p.window('tags', w, (inW) => `array_agg(DISTINCT e.event_type) FILTER (WHERE e.event_type = ANY(${arr}) AND ${inW('t.added_at')})`);
      return windowedSetOp(c.op, `(coalesce(${bought}, '{}') || coalesce(${tagged}, '{}'))`, arr);
    }
    case 'venueVisited': {
      if (w === undefined) return setOp('g.venue_ids', c.op, c.value, p, 'uuid');
      const arr = `${p.add(c.value)}::uuid[]`;
      const found = p.window('orders', w, (inW) => `array_agg(DISTINCT o.venue_id) FILTER (WHERE o.kind = 'SALE' AND o.venue_id = ANY(${arr}) AND ${inW('o.created_at')})`);
      return windowedSetOp(c.op, found, arr);
    }
    case 'spendingTier':
      return choiceOp('g.spending_tier', c.op, c.value, p, 'text');
    case 'frequencyTier':
      return choiceOp('g.frequency_tier', c.op, c.value, p, 'text');
    case 'lifecycleStage':
      return choiceOp('g.lifecycle_stage', c.op, c.value, p, 'text');
    case 'favouriteCategory':
      return choiceOp('g.favourite_category', c.op, c.value, p, 'text');
    case 'favouriteEventType':
      return choiceOp('g.favourite_event_type', c.op, c.value, p, 'text');
    case 'emailOptIn':
      return `g.email_opt_in = ${p.add(c.value)}::boolean`;
    case 'smsOptIn':
      return `g.sms_opt_in = ${p.add(c.value)}::boolean`;
    case 'postalCode': {
      const norm = (s: string) => s.replace(/\s/g, '').toUpperCase();
      if (c.op === 'in') return `g.postal_norm = ANY(${p.add((c.value as string[]).map(norm))}::text[])`;
      const v = norm(c.value as string);
      return c.op === 'eq' ? `g.postal_norm = ${p.add(v)}` : `left(g.postal_norm, ${p.add(v.length)}::int) = ${p.add(v)}`;
    }
    case 'birthdayMonth':
      return choiceOp('g.birth_month', c.op, c.value, p, 'int');
    default:
      throw new Error(`no SQL for segment field ${c.field}`);
  }
}

function node(r: SegmentRule, p: Params): string {
  if ('all' in r) return `(${r.all.map((x) => node(x, p)).join(' AND ')})`;
  if ('any' in r) return `(${r.any.map((x) => node(x, p)).join(' OR ')})`;
  if ('not' in r) return `(NOT ${node(r.not, p)})`;
  return `coalesce((${condition(r, p)}), false)`;
}

/** `prefix` keeps parameter names apart when several rules share one statement. */
export function compileRule(rule: SegmentRule, prefix = 'r'): CompiledRule {
  const p = new Params(prefix);
  const sql = node(rule, p);
  return { sql, params: p.values, windows: p.windows };
}
