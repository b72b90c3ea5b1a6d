import { EVENT_TYPES } from '@cellardoor/shared';
import type { Queryable } from '../db/driver';
import { badRequest } from '../http/errors';

/**
 * Tag and event types are the tenant's own codes, not a fixed list, so a report cannot check them
 * with its schema. A type that no definition, tag, event or event sale of the tenant has ever named
 * is a typo: answering it with empty rows would read as "nobody", so it is refused with the reason.
 * A type with a definition but no tags yet, or whose tags were all removed, is known and answers
 * its (possibly empty) rows. Each check is one index probe.
 */
export async function refuseUnknownCodes(tx: Queryable, tenantId: string, params: { tagType?: unknown; eventType?: unknown }): Promise<void> {
  const { tagType, eventType } = params;
  if (typeof tagType === 'string') {
    const [row] = await tx.query<{ known: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM tag_definitions WHERE tenant_id = $1 AND tag_type = $2 AND NOT deleted)
              OR EXISTS (SELECT 1 FROM customer_tags WHERE tenant_id = $1 AND tag_type = $2) AS known`,
      [tenantId, tagType],
    );
    if (!row?.known) throw badRequest(`No tag of type "${tagType}" has ever been defined or given to a guest here; check the spelling (tag types are codes such as WINE_CLUB).`);
  }
  if (typeof eventType === 'string' && !(EVENT_TYPES as readonly string[]).includes(eventType)) {
    const [row] = await tx.query<{ known: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM events WHERE tenant_id = $1 AND event_type = $2)
              OR EXISTS (SELECT 1 FROM event_sales_monthly WHERE tenant_id = $1 AND event_type = $2) AS known`,
      [tenantId, eventType],
    );
    if (!row?.known) throw badRequest(`No event of type "${eventType}" is known here; the types are ${EVENT_TYPES.join(', ')} and any the venue's events use.`);
  }
}
