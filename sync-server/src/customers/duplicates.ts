import type { Queryable } from '../db/driver';

export interface DuplicateCandidate {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  createdAt: string | null;
  createdByDevice: string | null;
  saleCount: number;
  revenueCents: number;
}

export interface DuplicateGroup {
  /** What the guests share: normalised email and/or phone. */
  matchedOn: Array<{ kind: 'email' | 'phone'; value: string }>;
  customers: DuplicateCandidate[];
  /** The one to keep by default: most sales, then the oldest record. */
  suggestedSurvivorId: string;
}

/**
 * Guests who are probably one person added twice (on two tablets, offline): the same normalised
 * email or phone, neither merged nor erased. Groups with the same members found by email and by
 * phone are reported once.
 */
export async function findDuplicates(tx: Queryable, tenantId: string, limit: number): Promise<DuplicateGroup[]> {
  return tx.query<DuplicateGroup>(
    `WITH live AS (
       SELECT id, email_norm, phone_norm, first_name, last_name, doc, created_at
         FROM customers
        WHERE tenant_id = $1 AND NOT deleted AND merged_into IS NULL AND erased_at IS NULL
     ), shared_keys AS (
       SELECT 'email' AS kind, email_norm AS value, array_agg(id ORDER BY id) AS ids
         FROM live WHERE email_norm IS NOT NULL GROUP BY email_norm HAVING count(*) > 1
       UNION ALL
       SELECT 'phone', phone_norm, array_agg(id ORDER BY id)
         FROM live WHERE phone_norm IS NOT NULL GROUP BY phone_norm HAVING count(*) > 1
     ), groups AS (
       SELECT ids, jsonb_agg(jsonb_build_object('kind', kind, 'value', value) ORDER BY kind, value) AS matched_on
         FROM shared_keys GROUP BY ids
     ), members AS (
       SELECT g.ids, g.matched_on, l.id, l.first_name, l.last_name, l.doc, l.created_at,
              coalesce(s.sale_count, 0) AS sale_count, coalesce(s.revenue_cents, 0) AS revenue_cents
         FROM groups g
         CROSS JOIN LATERAL unnest(g.ids) AS u(id)
         JOIN live l ON l.id = u.id
         LEFT JOIN customer_stats s ON s.tenant_id = $1 AND s.customer_id = l.id
     )
     SELECT matched_on AS "matchedOn",
            jsonb_agg(jsonb_build_object(
              'id', id, 'firstName', first_name, 'lastName', last_name, 'email', doc->'email', 'phone', doc->'phone',
              'createdAt', doc->'createdAt', 'createdByDevice', doc->'createdByDevice',
              'saleCount', sale_count, 'revenueCents', revenue_cents)
              ORDER BY sale_count DESC, created_at, id) AS customers,
            (array_agg(id ORDER BY sale_count DESC, created_at, id))[1] AS "suggestedSurvivorId"
       FROM members
      GROUP BY ids, matched_on
      ORDER BY min(created_at), ids
      LIMIT $2`,
    [tenantId, limit],
  );
}
