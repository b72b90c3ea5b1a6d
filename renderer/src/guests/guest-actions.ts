import { type Customer, type CustomerTag, newId } from '@cellardoor/shared';
import type { AppServices } from '../app/context';

export interface NewGuest {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  emailOptIn: boolean;
  smsOptIn: boolean;
}

const blankToNull = (s: string) => (s.trim() === '' ? null : s.trim());

/** Adds a walk-in guest, with their marketing consent captured with time and source. */
export async function addGuest(app: AppServices, g: NewGuest, staffId: string): Promise<Customer> {
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
  if (customer.emailOptIn || customer.smsOptIn)
    await app.recorder.put('communication_preferences', {
      id: newId(),
      customerId: customer.id,
      emailOptIn: customer.emailOptIn,
      smsOptIn: customer.smsOptIn,
      postOptIn: false,
      doNotContact: false,
      frequency: 'ANY',
      topics: [],
      consentSource: 'CHECK_IN',
      consentCapturedAt: now,
      capturedBy: staffId,
      createdAt: now,
      updatedAt: now,
    });
  return customer;
}

/** Tags a guest: a new assignment document, so past assignments stay in the history. */
export async function tagGuest(
  app: AppServices,
  input: { customerId: string; tagType: string; tagValue: string | null; staffId: string; source?: CustomerTag['source']; eventId?: string | null },
): Promise<CustomerTag> {
  const now = app.recorder.timestamp();
  const tag: CustomerTag = {
    id: newId(),
    customerId: input.customerId,
    tagType: input.tagType,
    tagValue: input.tagValue,
    addedAt: now,
    addedBy: input.staffId,
    removedAt: null,
    removedBy: null,
    source: input.source ?? 'MANUAL',
    notes: null,
    updatedAt: now,
    deviceId: app.credentials.deviceId,
    ...(input.eventId ? { eventId: input.eventId } : {}),
  };
  await app.recorder.put('customer_tags', tag);
  return tag;
}

/** Removes a tag as a soft delete that records who and when. */
export async function untagGuest(app: AppServices, tagId: string, staffId: string): Promise<void> {
  const now = app.recorder.timestamp();
  await app.recorder.patch('customer_tags', tagId, { removedAt: now, removedBy: staffId, updatedAt: now });
}
