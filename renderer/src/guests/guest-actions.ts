import { type CommunicationPreferences, type Customer, type CustomerNote, newId } from '@cellardoor/shared';
import type { AppServices } from '../app/context';

type App = Pick<AppServices, 'recorder' | 'credentials'>;

export interface NewGuest {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  emailOptIn: boolean;
  smsOptIn: boolean;
}

const blankToNull = (s: string) => (s.trim() === '' ? null : s.trim());

/**
 * Adds a walk-in guest. Marketing consent is captured with its time, its source and who took
 * it, both on the guest and in their communication preferences (where its history is kept).
 */
export async function addGuest(app: App, g: NewGuest, staffId: string, source: CommunicationPreferences['consentSource'] = 'CHECK_IN'): Promise<Customer> {
  const now = app.recorder.timestamp();
  const email = blankToNull(g.email)?.toLowerCase() ?? null;
  const phone = blankToNull(g.phone);
  const customer: Customer = {
    id: newId(),
    email,
    phone,
    firstName: g.firstName.trim(),
    lastName: g.lastName.trim(),
    postalCode: null,
    dateOfBirth: null,
    emailOptIn: g.emailOptIn && email !== null,
    smsOptIn: g.smsOptIn && phone !== null,
    createdAt: now,
    updatedAt: now,
    createdByDevice: app.credentials.deviceId,
    createdByStaff: staffId,
  };
  await app.recorder.put('customers', customer);
  // The answer is recorded even when it is "no": a later "did they agree?" needs when and who asked.
  await app.recorder.put('communication_preferences', {
    id: newId(),
    customerId: customer.id,
    emailOptIn: customer.emailOptIn,
    smsOptIn: customer.smsOptIn,
    postOptIn: false,
    doNotContact: false,
    frequency: 'ANY',
    topics: [],
    consentSource: source,
    consentCapturedAt: now,
    capturedBy: staffId,
    createdAt: now,
    updatedAt: now,
  });
  return customer;
}

export type ProfileEdit = Pick<Customer, 'firstName' | 'lastName' | 'email' | 'phone' | 'postalCode' | 'dateOfBirth'>;

/** Saves profile fields; only changed fields get new clock stamps, so a concurrent edit elsewhere survives. */
export async function editProfile(app: App, customerId: string, edit: ProfileEdit): Promise<Customer> {
  return app.recorder.patch('customers', customerId, { ...edit, email: edit.email?.toLowerCase() ?? null });
}

export type ConsentEdit = Pick<CommunicationPreferences, 'emailOptIn' | 'smsOptIn' | 'postOptIn' | 'doNotContact' | 'frequency'>;

/**
 * Records a change of marketing consent on the guest page: the preferences document (made if
 * the guest has none yet) and the guest's own opt-in flags move together.
 */
export async function changeConsent(app: App, customer: Customer, current: CommunicationPreferences | null, edit: ConsentEdit, staffId: string): Promise<void> {
  const now = app.recorder.timestamp();
  const emailOptIn = edit.emailOptIn && !edit.doNotContact;
  const smsOptIn = edit.smsOptIn && !edit.doNotContact;
  const base: CommunicationPreferences = current ?? {
    id: newId(),
    customerId: customer.id,
    emailOptIn: false,
    smsOptIn: false,
    postOptIn: false,
    doNotContact: false,
    frequency: 'ANY',
    topics: [],
    consentSource: 'GUEST_PAGE',
    consentCapturedAt: now,
    capturedBy: staffId,
    createdAt: now,
    updatedAt: now,
  };
  await app.recorder.put('communication_preferences', {
    ...base,
    ...edit,
    emailOptIn,
    smsOptIn,
    postOptIn: edit.postOptIn && !edit.doNotContact,
    consentSource: 'GUEST_PAGE',
    consentCapturedAt: now,
    capturedBy: staffId,
    updatedAt: now,
  });
  if (customer.emailOptIn !== emailOptIn || customer.smsOptIn !== smsOptIn) await app.recorder.patch('customers', customer.id, { emailOptIn, smsOptIn });
}

/** Notes are append-only: each is its own document with its author and time. */
export async function addNote(app: App, customerId: string, body: string, staff: { id: string; name: string }): Promise<CustomerNote> {
  const now = app.recorder.timestamp();
  const note: CustomerNote = {
    id: newId(),
    customerId,
    body: body.trim(),
    authorStaffId: staff.id,
    authorName: staff.name,
    deviceId: app.credentials.deviceId,
    createdAt: now,
    updatedAt: now,
  };
  await app.recorder.put('customer_notes', note);
  return note;
}
