import { completed, countedLine } from './facts';

/**
 * Windowed rule conditions ("spent over $300 in the last 365 days", "bought dessert this
 * quarter") need the guest's documents within the window. Rather than a probe of the guest's
 * orders per condition and per guest, every windowed aggregate of a statement is computed in one
 * grouped pass per source (orders, order lines, tags) over the documents in the widest window,
 * each aggregate with its own FILTER, and joined to the guest relation `g`. A full recalculation
 * then reads the orders once instead of once per guest and condition.
 */
export type WindowSource = 'orders' | 'items' | 'tags';

export interface WindowAggregate {
  source: WindowSource;
  /** Column name, unique within a statement (the rule's parameter prefix keeps rules apart). */
  column: string;
  days: number;
  /** An aggregate over `o` (orders), `i` (order lines) or `t` / `e` (tags and their events). */
  sql: string;
}

export const WINDOW_ALIAS: Record<WindowSource, string> = { orders: 'wo', items: 'wi', tags: 'wt' };

/** An instant column within the last N days before $asOf (N a parameter placeholder). */
export const inWindow = (col: string, days: string) =>
  `${col} > $asOf::timestamptz - make_interval(secs => ${days}::int * 86400) AND ${col} <= $asOf::timestamptz`;

const WIDEST: Record<WindowSource, string> = { orders: 'winOrders', items: 'winItems', tags: 'winTags' };

function fromClause(source: WindowSource, scoped: boolean): string {
  // Within the widest window of the source's aggregates: the only rows any of them can count.
  const within = (col: string) => inWindow(col, `$${WIDEST[source]}`);
  const scope = (col: string) => (scoped ? `AND ${col} = ANY($ids::uuid[])` : '');
  switch (source) {
    case 'orders':
      return `FROM orders o WHERE ${completed('o')} AND ${within('o.created_at')} ${scope('o.customer_id')} GROUP BY o.customer_id`;
    case 'items':
      return `FROM order_items i
              WHERE ${countedLine('i')} AND i.kind = 'SALE' AND ${within('i.created_at')} ${scope('i.customer_id')}
              GROUP BY i.customer_id`;
    case 'tags':
      return `FROM customer_tags t
              LEFT JOIN events e ON t.tag_type = 'EVENTS' AND t.event_id IS NOT NULL AND e.tenant_id = t.tenant_id
                                AND e.id = t.event_id AND NOT e.deleted
              WHERE t.tenant_id = $tenant AND NOT t.deleted AND t.customer_id IS NOT NULL AND ${within('t.added_at')} ${scope('t.customer_id')}
              GROUP BY t.customer_id`;
  }
}

export interface WindowRelations {
  /** CTE definitions to put in the statement's WITH (empty when no rule has a window). */
  ctes: string[];
  /** LEFT JOINs of those CTEs to `g`. */
  joins: string;
  /** Per source, the widest window of its aggregates, which bounds the documents read. */
  params: Record<string, number>;
}

/** The CTEs and joins that give `g` the windowed aggregates of all of a statement's rules. */
export function windowRelations(windows: readonly WindowAggregate[], opts: { scoped: boolean }): WindowRelations {
  if (windows.length === 0) return { ctes: [], joins: '', params: {} };
  const ctes: string[] = [];
  const joins: string[] = [];
  const params: Record<string, number> = {};
  for (const source of ['orders', 'items', 'tags'] as const) {
    const mine = windows.filter((w) => w.source === source);
    if (mine.length === 0) continue;
    const alias = WINDOW_ALIAS[source];
    ctes.push(`${alias} AS (SELECT ${{ orders: 'o', items: 'i', tags: 't' }[source]}.customer_id, ${mine.map((w) => `${w.sql} AS ${w.column}`).join(', ')} ${fromClause(source, opts.scoped)})`);
    joins.push(`LEFT JOIN ${alias} ON ${alias}.customer_id = g.customer_id`);
    params[WIDEST[source]] = Math.max(...mine.map((w) => w.days));
  }
  return { ctes, joins: joins.join('\n'), params };
}
