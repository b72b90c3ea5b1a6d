import { Staff, hashPin, isValidPin, newId } from '@cellardoor/shared';
import type { ChangeRecorder } from '../data/record-change';
import { fieldProblems } from './form-errors';

export interface StaffDraft {
  name: string;
  role: Staff['role'];
  isActive: boolean;
  pin: string;
  pinAgain: string;
}

const WORDS = { name: 'Name', role: 'Role', pinHash: 'PIN' };

/**
 * Saves a staff member. The PIN is hashed here (slow, salted) and only the hash is stored and
 * replicated; an empty PIN on an existing member keeps their current one.
 */
export async function saveStaffMember(
  recorder: ChangeRecorder,
  current: Staff | null,
  draft: StaffDraft,
): Promise<{ ok: true; staff: Staff } | { ok: false; problems: Record<string, string> }> {
  const problems: Record<string, string> = {};
  if (!current || draft.pin !== '') {
    if (!isValidPin(draft.pin)) problems.pin = 'PIN: use 4 to 8 digits.';
    else if (draft.pin !== draft.pinAgain) problems.pinAgain = 'The two PINs are not the same.';
  }
  const now = recorder.timestamp();
  const doc = {
    id: current?.id ?? newId(),
    name: draft.name.trim(),
    role: draft.role,
    isActive: draft.isActive,
    pinHash: current?.pinHash ?? null,
    createdAt: current?.createdAt ?? now,
    updatedAt: now,
    ...(current?.venueIds ? { venueIds: current.venueIds } : {}),
  };
  const checked = Staff.safeParse(doc);
  if (!checked.success) Object.assign(problems, fieldProblems(checked.error, WORDS));
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  const staff = { ...checked.data!, pinHash: draft.pin ? await hashPin(draft.pin) : doc.pinHash };
  await recorder.put('staff', staff);
  return { ok: true, staff };
}
