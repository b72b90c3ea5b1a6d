import { EVENT_TYPES, FREQUENCY_TIERS, LIFECYCLE_STAGES, PRODUCT_CATEGORIES, SPENDING_TIERS, type SegmentThresholds } from '@cellardoor/shared';
import type { Queryable } from '../db/driver';
import { asOfSource } from '../reports/as-of';
import { run } from '../reports/summaries/sql';
import { factCtes } from './facts';
import { guestRelation, statsAsOfSql } from './guest-relation';
import { loadThresholds } from './thresholds';

export interface BuiltInCounts {
  asOf: string;
  thresholds: SegmentThresholds;
  /** Where the figures came from: the maintained tables, or the documents as of an earlier instant. */
  computedFrom: 'summaries' | 'documents';
  counts: Record<string, number>;
}

/** Every key the answer always carries (zero when nobody is in it), in a stable order. */
function emptyCounts(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of SPENDING_TIERS) out[`spendingTier.${k}`] = 0;
  for (const k of FREQUENCY_TIERS) out[`frequencyTier.${k}`] = 0;
  for (const k of LIFECYCLE_STAGES) out[`lifecycle.${k}`] = 0;
  for (const k of [...PRODUCT_CATEGORIES, 'NONE']) out[`favouriteCategory.${k}`] = 0;
  for (const k of [...EVENT_TYPES, 'NONE']) out[`favouriteEventType.${k}`] = 0;
  return out;
}

/**
 * Guests per built-in segment as of an instant: spending tier, frequency tier, lifecycle stage,
 * favourite category and event type, under the tenant's thresholds. At or after the data
 * horizon it reads customer_stats and the segment facts; before it, the same from the orders up
 * to `asOf` (reports/as-of.ts decides). Guests added after `asOf` are not counted.
 */
export async function builtInCounts(tx: Queryable, tenantId: string, requested: Date | undefined): Promise<BuiltInCounts> {
  const { asOf, source } = await asOfSource(tx, tenantId, requested);
  const thresholds = await loadThresholds(tx, tenantId);
  const fromDocuments = source === 'documents';
  const rows = await run<{ family: string; key: string | null; n: number }>(
    tx,
    `WITH ${fromDocuments ? `${factCtes({ scoped: false, cutoff: true })},` : ''}
     g AS ${guestRelation({ scoped: false, createdBy: true, ...(fromDocuments ? { stats: statsAsOfSql } : {}) })},
     f AS (
       SELECT g.spending_tier, g.frequency_tier, g.lifecycle_stage,
              coalesce(${fromDocuments ? 'c.favourite' : 'g.favourite_category'}, 'NONE') AS favourite_category,
              coalesce(${fromDocuments ? 'e.favourite' : 'g.favourite_event_type'}, 'NONE') AS favourite_event_type
         FROM g ${fromDocuments ? 'LEFT JOIN cats c ON c.customer_id = g.customer_id LEFT JOIN evs e ON e.customer_id = g.customer_id' : ''}
     )
     SELECT CASE WHEN GROUPING(spending_tier) = 0 THEN 'spendingTier' WHEN GROUPING(frequency_tier) = 0 THEN 'frequencyTier'
                 WHEN GROUPING(lifecycle_stage) = 0 THEN 'lifecycle' WHEN GROUPING(favourite_category) = 0 THEN 'favouriteCategory'
                 ELSE 'favouriteEventType' END AS family,
            coalesce(spending_tier, frequency_tier, lifecycle_stage, favourite_category, favourite_event_type) AS key,
            count(*)::int AS n
       FROM f
      GROUP BY GROUPING SETS ((spending_tier), (frequency_tier), (lifecycle_stage), (favourite_category), (favourite_event_type))`,
    { tenant: tenantId, asOf: asOf.toISOString(), th: JSON.stringify(thresholds), ...(fromDocuments ? { cutoff: asOf.toISOString() } : {}) },
  );
  const counts = emptyCounts();
  for (const r of rows) counts[`${r.family}.${r.key}`] = (counts[`${r.family}.${r.key}`] ?? 0) + r.n;
  return { asOf: asOf.toISOString(), thresholds, computedFrom: source, counts };
}
