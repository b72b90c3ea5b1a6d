import { type CollectionName, CUSTOMER_MERGE_FIELDS } from '@cellardoor/shared';

type Doc = Record<string, unknown>;

export const ERASED_NAME = 'Erased guest';
export const ERASED_NOTE = 'Removed: the guest asked for their personal data to be erased.';

/** The guest's personal data, as the customer document holds it. */
export const CUSTOMER_PII_FIELDS = ['email', 'phone', 'firstName', 'lastName', 'postalCode', 'dateOfBirth'] as const;

/**
 * The customer document after erasure: identifying fields gone, consent withdrawn, erasedAt set;
 * every changed field stamped with `stamp` so no stale copy on a tablet outranks it. The id stays,
 * so the guest's sales keep counting towards revenue, anonymously.
 */
export function anonymisedCustomer(doc: Doc, stamp: string, now: string): Doc {
  const out: Doc = {
    ...doc,
    firstName: ERASED_NAME,
    lastName: '',
    email: null,
    phone: null,
    postalCode: null,
    dateOfBirth: null,
    emailOptIn: false,
    smsOptIn: false,
    erasedAt: now,
    updatedAt: now,
  };
  const clock = { ...((doc.clock as Record<string, string> | undefined) ?? {}) };
  for (const f of CUSTOMER_MERGE_FIELDS) if (f !== 'mergedInto') clock[f] = stamp;
  out.clock = clock;
  return out;
}

/**
 * Removes personal free text from a document about an erased guest, in place: note bodies,
 * consent details, tag and order notes. Sales amounts and tags stay for revenue by tag.
 */
export function scrubForErasedGuest(collection: CollectionName, doc: Doc): void {
  switch (collection) {
    case 'customer_notes':
      doc.body = ERASED_NOTE;
      break;
    case 'communication_preferences':
      Object.assign(doc, { emailOptIn: false, smsOptIn: false, postOptIn: false, doNotContact: true, frequency: 'ANY', topics: [] });
      break;
    case 'customer_tags':
      doc.notes = null;
      break;
    case 'orders':
      if (doc.note !== undefined && doc.note !== null) doc.note = null;
      break;
    default:
      break;
  }
}
