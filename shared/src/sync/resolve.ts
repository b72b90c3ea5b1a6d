import { COLLECTIONS, type CollectionName } from '../collections';
import { CUSTOMER_MERGE_FIELDS } from '../schemas';
import { mergeFieldwise, mergeLww, mergeTagAssignment } from './merge';

type Doc = Record<string, unknown>;

/** Fields of communication preferences merged one by one. */
export const PREFERENCE_MERGE_FIELDS = ['emailOptIn', 'smsOptIn', 'postOptIn', 'doNotContact', 'frequency', 'topics', 'consentSource', 'consentCapturedAt', 'capturedBy'] as const;

/**
 * Each collection's conflict rule (DESIGN.md) as one function, used by devices and by the
 * server's import of unsent files, so whichever side resolves a conflict the outcome is the same.
 */
export function resolveConflict(name: CollectionName, master: Doc, mine: Doc): Doc {
  switch (COLLECTIONS[name].conflict) {
    case 'fieldwise':
      return mergeFieldwise(master, mine, name === 'customers' ? CUSTOMER_MERGE_FIELDS : PREFERENCE_MERGE_FIELDS).doc;
    case 'lww':
      return mergeLww(master, mine);
    case 'tagAssignment':
      return mergeTagAssignment(master, mine);
    case 'immutable':
      return master;
  }
}
