import type { Queryable } from '../../db/driver';

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The zone a tenant's monthly figures are counted in (`reportTimeZone` in its settings, else
 * UTC). Monthly summaries are bucketed in it when written, so changing it needs a full
 * recompute of the summaries (`npm run cli -- recompute-reports <slug>`).
 */
export async function reportTimeZone(tx: Queryable, tenantId: string): Promise<string> {
  const [row] = await tx.query<{ zone: string | null }>(`SELECT settings->>'reportTimeZone' AS zone FROM tenants WHERE id = $1`, [tenantId]);
  const zone = row?.zone;
  return zone && isTimeZone(zone) ? zone : 'UTC';
}
