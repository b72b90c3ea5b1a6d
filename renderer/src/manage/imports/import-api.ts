import { GUEST_IMPORT_MAX_ROWS, type GuestImportResponse } from '@cellardoor/shared';
import type { ConsoleApi } from '../console-api';

/**
 * Sends the mapped rows in requests of at most GUEST_IMPORT_MAX_ROWS and adds up the answers,
 * renumbering rows to their place in the whole file.
 */
export async function importGuests(api: ConsoleApi, source: string, rows: Array<Record<string, unknown>>, dryRun: boolean): Promise<GuestImportResponse> {
  const total: GuestImportResponse = { dryRun, created: 0, matched: 0, updated: 0, unchanged: 0, errors: [], rows: [] };
  for (let start = 0; start < rows.length; start += GUEST_IMPORT_MAX_ROWS) {
    const part = await api.post<GuestImportResponse>('/api/v1/imports/guests', { source, dryRun, rows: rows.slice(start, start + GUEST_IMPORT_MAX_ROWS) });
    total.created += part.created;
    total.matched += part.matched;
    total.updated += part.updated;
    total.unchanged += part.unchanged;
    total.errors.push(...part.errors.map((e) => ({ ...e, row: e.row + start })));
    total.rows.push(...part.rows.map((r) => ({ ...r, row: r.row + start })));
  }
  return total;
}
