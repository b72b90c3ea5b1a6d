import {
  CommunicationPreferences,
  Customer,
  CustomerTag,
  GuestImportRow,
  type GuestImportResponse,
  type GuestImportRowError,
  type GuestImportRowResult,
  newId,
} from '@cellardoor/shared';
import { serverStamp } from '../customers/server-clock';
import type { Db, Queryable } from '../db/driver';
import { withTenant } from '../db/tenant-scope';
import { recordAudit } from '../privacy/audit';
import { afterWrite } from '../sync/ingest-hooks';
import { type DocumentWrite, lockCollection, writeDocuments } from '../sync/write-documents';

type Doc = Record<string, unknown>;

/** The same normalisation as the customers table's email_norm and phone_norm (sync/tables.ts). */
export const normEmail = (e: string | null | undefined) => (e ? e.trim().toLowerCase() || null : null);
export const normPhone = (p: string | null | undefined) => (p ? p.replace(/[^0-9+]/g, '') || null : null);

const PROFILE_FIELDS = ['firstName', 'lastName', 'email', 'phone', 'postalCode', 'dateOfBirth'] as const;
const CONSENT_FIELDS = ['emailOptIn', 'smsOptIn'] as const;

interface Guest {
  id: string;
  doc: Doc;
  /** The server's version before this import; null for a guest this import creates. */
  before: Doc | null;
  prefs: Doc | null;
  prefsBefore: Doc | null;
  /** Active tags as "TYPE\u0000VALUE" keys. */
  tags: Set<string>;
  newTags: Doc[];
}

const tagKey = (t: string, v: string | null | undefined) => `${t}\u0000${v ?? ''}`;

interface TagRules {
  /** Per tag type: the values its definitions allow (null: a definition without a value). */
  values: Map<string, Set<string | null>>;
}

async function loadTagRules(tx: Queryable, tenantId: string): Promise<TagRules> {
  const rows = await tx.query<{ tag_type: string; tag_value: string | null }>(
    'SELECT tag_type, tag_value FROM tag_definitions WHERE tenant_id = $1 AND NOT deleted AND coalesce(is_active, true)',
    [tenantId],
  );
  const values = new Map<string, Set<string | null>>();
  for (const r of rows) values.set(r.tag_type, (values.get(r.tag_type) ?? new Set()).add(r.tag_value));
  return { values };
}

/** Problems of a row's tags against the account's tag definitions. */
function tagErrors(row: GuestImportRow, rules: TagRules): Array<{ field: string; message: string }> {
  const out: Array<{ field: string; message: string }> = [];
  (row.tags ?? []).forEach((t, i) => {
    const allowed = rules.values.get(t.tagType);
    if (!allowed) out.push({ field: `tags.${i}.tagType`, message: `there is no tag type ${t.tagType} in this account; add it under Tags first` });
    // EVENTS carries the event's name as free text; other types take one of their defined values.
    else if (t.tagType !== 'EVENTS' && !allowed.has(t.tagValue)) {
      const choices = [...allowed].filter((v): v is string => v !== null);
      out.push({ field: `tags.${i}.tagValue`, message: choices.length ? `${t.tagType} takes one of ${choices.join(', ')}` : `${t.tagType} takes no value` });
    }
  });
  return out;
}

/**
 * Imports guests from a mapped CSV (shared/src/api/guest-import.ts). A row that matches an
 * existing guest by email (case-insensitive) or normalised phone updates that guest instead of
 * adding them twice; blank cells never erase. Only what changes is written, so importing the same
 * file again writes nothing. Consent is recorded with source IMPORT and the time, tags with
 * source IMPORT. Invalid rows are reported and written not at all; the valid rows are written in
 * one transaction through the sync write path and its ingest hooks, so tablets pull them and
 * every calculation sees them. A dry run does the same matching and writes nothing.
 */
export async function importGuests(
  db: Db,
  tenantId: string,
  userId: string,
  input: { source: string; dryRun: boolean; rows: ReadonlyArray<Record<string, unknown>> },
): Promise<GuestImportResponse> {
  const errors: GuestImportRowError[] = [];
  const parsed: Array<{ row: number; data: GuestImportRow } | null> = input.rows.map((raw, i) => {
    const r = GuestImportRow.safeParse(raw);
    if (!r.success) {
      for (const issue of r.error.issues)
        errors.push({
          row: i + 1,
          field: issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.join('.') || 'row',
          message: issue.code === 'unrecognized_keys' ? 'is not a column guests can be imported with' : issue.message,
        });
      return null;
    }
    if (!r.data.email && !r.data.phone) {
      errors.push({ row: i + 1, field: 'email', message: 'an email or a phone number is needed, so the guest is recognised when the file is imported again' });
      return null;
    }
    return { row: i + 1, data: r.data };
  });

  return withTenant(db, tenantId, async (tx) => {
    // Imports and tablets' pushes of guests take turns, so a match is never decided on stale data.
    await lockCollection(tx, tenantId, 'customers');
    const rules = await loadTagRules(tx, tenantId);
    const valid = parsed.filter((p): p is { row: number; data: GuestImportRow } => {
      if (!p) return false;
      const bad = tagErrors(p.data, rules);
      for (const b of bad) errors.push({ row: p.row, ...b });
      return bad.length === 0;
    });

    const emails = [...new Set(valid.map((v) => normEmail(v.data.email)).filter((e): e is string => e !== null))];
    const phones = [...new Set(valid.map((v) => normPhone(v.data.phone)).filter((p): p is string => p !== null))];
    const existing = await tx.query<{ id: string; doc: Doc; email_norm: string | null; phone_norm: string | null }>(
      `SELECT id, doc, email_norm, phone_norm FROM customers
        WHERE tenant_id = $1 AND NOT deleted AND merged_into IS NULL AND erased_at IS NULL
          AND (email_norm = ANY($2::text[]) OR phone_norm = ANY($3::text[]))
        ORDER BY created_at NULLS LAST, id`,
      [tenantId, emails, phones],
    );
    const ids = existing.map((e) => e.id);
    const prefs = await tx.query<{ customer_id: string; doc: Doc }>(
      `SELECT DISTINCT ON (customer_id) customer_id, doc FROM communication_preferences
        WHERE tenant_id = $1 AND customer_id = ANY($2::uuid[]) AND NOT deleted ORDER BY customer_id, doc->>'updatedAt' DESC, id`,
      [tenantId, ids],
    );
    const tags = await tx.query<{ customer_id: string; tag_type: string; tag_value: string | null }>(
      'SELECT customer_id, tag_type, tag_value FROM customer_tags WHERE tenant_id = $1 AND customer_id = ANY($2::uuid[]) AND removed_at IS NULL AND NOT deleted',
      [tenantId, ids],
    );

    const guests = new Map<string, Guest>();
    const byEmail = new Map<string, Guest>();
    const byPhone = new Map<string, Guest>();
    const remember = (g: Guest) => {
      const e = normEmail(g.doc.email as string | null);
      const p = normPhone(g.doc.phone as string | null);
      if (e && !byEmail.has(e)) byEmail.set(e, g);
      if (p && !byPhone.has(p)) byPhone.set(p, g);
    };
    const prefsOf = new Map(prefs.map((p) => [p.customer_id, p.doc]));
    for (const e of existing) {
      const g: Guest = { id: e.id, doc: { ...e.doc }, before: e.doc, prefs: prefsOf.get(e.id) ?? null, prefsBefore: prefsOf.get(e.id) ?? null, tags: new Set(), newTags: [] };
      guests.set(e.id, g);
      remember(g);
    }
    for (const t of tags) guests.get(t.customer_id)?.tags.add(tagKey(t.tag_type, t.tag_value));

    const now = new Date().toISOString();
    const results: GuestImportRowResult[] = [];
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    for (const { row, data } of valid) {
      const email = normEmail(data.email);
      const phone = normPhone(data.phone);
      const byE = email ? byEmail.get(email) : undefined;
      const match = byE ?? (phone ? byPhone.get(phone) : undefined);
      const matchedOn = byE ? 'email' : match ? 'phone' : null;
      const g: Guest = match ?? {
        id: newId(),
        doc: {
          id: '',
          email: null,
          phone: null,
          firstName: data.firstName,
          lastName: '',
          postalCode: null,
          dateOfBirth: null,
          emailOptIn: false,
          smsOptIn: false,
          createdAt: now,
          updatedAt: now,
          createdByDevice: null,
          createdByStaff: userId,
        },
        before: null,
        prefs: null,
        prefsBefore: null,
        tags: new Set(),
        newTags: [],
      };
      if (!match) g.doc.id = g.id;
      const snapshot = JSON.stringify([g.doc, g.prefs, g.newTags.length]);
      const draft: Doc = { ...g.doc };
      const changedFields: string[] = [];
      for (const f of PROFILE_FIELDS) {
        const v = data[f];
        // The same address in other letters or punctuation is the same address: keep the guest's.
        const same = f === 'email' ? normEmail(v) === normEmail(draft.email as string | null) : f === 'phone' ? normPhone(v) === normPhone(draft.phone as string | null) : v === draft[f];
        if (v !== undefined && !same) {
          draft[f] = v;
          changedFields.push(f);
        }
      }
      const consentChanged: string[] = [];
      for (const f of CONSENT_FIELDS) {
        const v = data[f];
        if (v !== undefined && v !== draft[f]) {
          draft[f] = v;
          consentChanged.push(f);
        }
      }
      const rowErrors: Array<{ field: string; message: string }> = [];
      if (draft.emailOptIn === true && !draft.email) rowErrors.push({ field: 'emailOptIn', message: 'consent to email needs an email address' });
      if (draft.smsOptIn === true && !draft.phone) rowErrors.push({ field: 'smsOptIn', message: 'consent to text messages needs a phone number' });
      const check = Customer.safeParse(draft);
      if (!check.success) for (const i of check.error.issues) rowErrors.push({ field: i.path.join('.') || 'row', message: i.message });
      if (rowErrors.length > 0) {
        for (const e of rowErrors) errors.push({ row, ...e });
        continue;
      }
      // The row is good: apply it to the guest.
      if (changedFields.length + consentChanged.length > 0 && g.before) {
        const stamp = serverStamp(g.doc);
        draft.clock = { ...((g.doc.clock as Record<string, string> | undefined) ?? {}), ...Object.fromEntries([...changedFields, ...consentChanged].map((f) => [f, stamp])) };
        draft.updatedAt = now;
      }
      g.doc = draft;
      if (consentChanged.length > 0 && (g.prefs || draft.emailOptIn || draft.smsOptIn)) {
        const base: Doc = g.prefs ?? {
          id: newId(),
          customerId: g.id,
          postOptIn: false,
          doNotContact: false,
          frequency: 'ANY',
          topics: [],
          createdAt: now,
        };
        const stamp = g.prefs ? serverStamp(g.prefs) : null;
        g.prefs = {
          ...base,
          emailOptIn: draft.emailOptIn,
          smsOptIn: draft.smsOptIn,
          consentSource: 'IMPORT',
          consentCapturedAt: now,
          capturedBy: userId,
          updatedAt: now,
          ...(stamp
            ? { clock: { ...((base.clock as Record<string, string> | undefined) ?? {}), ...Object.fromEntries(['emailOptIn', 'smsOptIn', 'consentSource', 'consentCapturedAt', 'capturedBy'].map((f) => [f, stamp])) } }
            : {}),
        };
      }
      for (const t of data.tags ?? []) {
        const key = tagKey(t.tagType, t.tagValue);
        if (g.tags.has(key)) continue;
        g.tags.add(key);
        g.newTags.push({
          id: newId(),
          customerId: g.id,
          tagType: t.tagType,
          tagValue: t.tagValue,
          addedAt: now,
          addedBy: userId,
          removedAt: null,
          removedBy: null,
          source: 'IMPORT',
          notes: `imported from ${input.source}`.slice(0, 1000),
          updatedAt: now,
        });
      }
      if (!match) {
        guests.set(g.id, g);
        remember(g);
        created++;
        results.push({ row, outcome: 'CREATED', customerId: g.id, matchedOn: null });
      } else {
        remember(g);
        const same = JSON.stringify([g.doc, g.prefs, g.newTags.length]) === snapshot;
        if (same) unchanged++;
        else updated++;
        results.push({ row, outcome: same ? 'UNCHANGED' : 'UPDATED', customerId: g.id, matchedOn });
      }
    }

    const failedRows = new Set(errors.map((e) => e.row));
    for (const f of failedRows) results.push({ row: f, outcome: 'ERROR', customerId: null, matchedOn: null });
    results.sort((a, b) => a.row - b.row);
    errors.sort((a, b) => a.row - b.row);
    const response: GuestImportResponse = { dryRun: input.dryRun, created, matched: updated + unchanged, updated, unchanged, errors, rows: results };
    if (input.dryRun) return response;

    const touched = [...guests.values()];
    const customerWrites: DocumentWrite[] = touched
      .filter((g) => g.before === null || JSON.stringify(g.doc) !== JSON.stringify(g.before))
      .map((g) => ({ doc: Customer.parse(g.doc) as Doc, deleted: false }));
    const prefsWrites: DocumentWrite[] = touched
      .filter((g) => g.prefs && JSON.stringify(g.prefs) !== JSON.stringify(g.prefsBefore))
      .map((g) => ({ doc: CommunicationPreferences.parse(g.prefs) as Doc, deleted: false }));
    const tagWrites: DocumentWrite[] = touched.flatMap((g) => g.newTags.map((t) => ({ doc: CustomerTag.parse(t) as Doc, deleted: false })));
    const previous = (writes: DocumentWrite[], of: (g: Guest) => Doc | null) => {
      const m = new Map<string, Doc>();
      for (const w of writes) {
        const g = guests.get(String(w.doc.customerId ?? w.doc.id));
        const b = g ? of(g) : null;
        if (b) m.set(String(w.doc.id), b);
      }
      return m;
    };
    if (customerWrites.length > 0) {
      await writeDocuments(tx, tenantId, 'customers', customerWrites, null);
      await afterWrite(tx, tenantId, 'customers', customerWrites, previous(customerWrites, (g) => g.before), null);
    }
    if (prefsWrites.length > 0) {
      await writeDocuments(tx, tenantId, 'communication_preferences', prefsWrites, null);
      await afterWrite(tx, tenantId, 'communication_preferences', prefsWrites, previous(prefsWrites, (g) => g.prefsBefore), null);
    }
    if (tagWrites.length > 0) {
      await writeDocuments(tx, tenantId, 'customer_tags', tagWrites, null);
      await afterWrite(tx, tenantId, 'customer_tags', tagWrites, new Map(), null);
    }
    const changedGuests = new Set([...customerWrites, ...prefsWrites, ...tagWrites].map((w) => String(w.doc.customerId ?? w.doc.id)));
    await recordAudit(
      tx,
      tenantId,
      { userId, deviceId: null },
      [...changedGuests].map((id) => ({
        action: 'customer.import' as const,
        customerId: id,
        details: { source: input.source, created: guests.get(id)?.before === null },
      })),
    );
    return response;
  });
}
