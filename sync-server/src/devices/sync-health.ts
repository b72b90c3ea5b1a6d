import type { Queryable } from '../db/driver';

export interface DeviceSyncHealth {
  deviceId: string;
  number: number | null;
  name: string | null;
  venueId: string | null;
  lastContactAt: string | null;
  /** The highest sale number (deviceSeq) the server holds from this device. */
  lastSeqReceived: number | null;
  /** The highest sale number the device says it has issued (told on every sync call). */
  lastSeqIssued: number | null;
  /** Sale numbers issued but not received, as inclusive ranges. */
  missing: Array<[number, number]>;
  revoked: boolean;
  warning: string | null;
}

/**
 * Per device: the sales received, the highest sale number it reported issuing, and the ranges in
 * between that have not arrived (gaps between received runs, and the tail after the last one).
 * Revoked devices stay listed, so a wiped tablet's unsent sales stay visible under its old id,
 * and so do sales whose device is not enrolled here (imported from another tablet's file).
 */
const SYNC_HEALTH_SQL = `
  WITH runs AS (
         SELECT device_id, from_seq, to_seq,
                coalesce(lag(to_seq) OVER (PARTITION BY device_id ORDER BY from_seq), 0) AS prev_to
           FROM device_seq_runs WHERE tenant_id = $1),
       received AS (SELECT device_id, max(to_seq) AS last_received FROM runs GROUP BY device_id),
       known AS (
         SELECT d.id AS device_id, d.number, d.name, d.venue_id, d.last_seen_at, d.last_reported_seq, d.revoked_at IS NOT NULL AS revoked
           FROM devices d WHERE d.tenant_id = $1
         UNION ALL
         SELECT r.device_id, NULL, NULL, NULL, NULL, NULL, false
           FROM received r WHERE NOT EXISTS (SELECT 1 FROM devices d WHERE d.tenant_id = $1 AND d.id = r.device_id)),
       gaps AS (
         SELECT device_id, prev_to + 1 AS from_seq, from_seq - 1 AS to_seq FROM runs WHERE from_seq > prev_to + 1
         UNION ALL
         SELECT k.device_id, coalesce(r.last_received, 0) + 1, k.last_reported_seq
           FROM known k LEFT JOIN received r ON r.device_id = k.device_id
          WHERE k.last_reported_seq > coalesce(r.last_received, 0))
  SELECT k.device_id AS "deviceId", k.number, k.name, k.venue_id AS "venueId", k.last_seen_at AS "lastContactAt",
         r.last_received::bigint AS "lastSeqReceived", k.last_reported_seq AS "lastSeqIssued", k.revoked,
         coalesce((SELECT json_agg(json_build_array(g.from_seq, g.to_seq) ORDER BY g.from_seq) FROM gaps g WHERE g.device_id = k.device_id), '[]'::json) AS missing
    FROM known k LEFT JOIN received r ON r.device_id = k.device_id
   ORDER BY k.number NULLS LAST, k.device_id`;

const receipt = (number: number | null, seq: number) => (number === null ? `#${seq}` : `T${number}-${String(seq).padStart(6, '0')}`);

/** "Tablet 2 still holds sales 1041–1043 (receipts T2-001041 to T2-001043)", or null when nothing is missing. */
export function syncWarning(d: Pick<DeviceSyncHealth, 'name' | 'number' | 'deviceId' | 'missing' | 'revoked'>): string | null {
  if (d.missing.length === 0) return null;
  const who = d.name ?? `A device not enrolled here (${d.deviceId.slice(0, 8)}…)`;
  const count = d.missing.reduce((n, [a, b]) => n + (b - a + 1), 0);
  const ranges = d.missing.map(([a, b]) => (a === b ? `${a}` : `${a}–${b}`)).join(', ');
  const receipts = d.missing
    .map(([a, b]) => (a === b ? receipt(d.number, a) : `${receipt(d.number, a)} to ${receipt(d.number, b)}`))
    .join(', ');
  const what = `${count === 1 ? 'sale' : 'sales'} ${ranges} (${count === 1 ? 'receipt' : 'receipts'} ${receipts})`;
  if (d.revoked)
    return `${who} was removed before sending ${what}. If its unsent file was saved, import it; otherwise these sales are lost and must be re-entered.`;
  return `${who} still holds ${what}: connect it to the network and let it sync.`;
}

export async function deviceSyncHealth(tx: Queryable, tenantId: string): Promise<DeviceSyncHealth[]> {
  const rows = await tx.query<Omit<DeviceSyncHealth, 'warning' | 'lastContactAt'> & { lastContactAt: Date | null }>(SYNC_HEALTH_SQL, [tenantId]);
  return rows.map((r) => {
    const d = { ...r, lastContactAt: r.lastContactAt ? new Date(r.lastContactAt).toISOString() : null, missing: r.missing.map(([a, b]) => [Number(a), Number(b)] as [number, number]) };
    return { ...d, warning: syncWarning(d) };
  });
}
