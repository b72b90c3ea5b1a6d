import { newId } from '@cellardoor/shared';

type Doc = Record<string, unknown>;

/** Documents a tablet would write, for tests that need a few made to measure. */
const now = () => new Date().toISOString();

export function guestDoc(fields: Doc = {}): Doc {
  const t = now();
  return {
    id: newId(),
    email: null,
    phone: null,
    firstName: 'Guest',
    lastName: 'Tester',
    postalCode: null,
    dateOfBirth: null,
    emailOptIn: false,
    smsOptIn: false,
    createdAt: t,
    updatedAt: t,
    ...fields,
  };
}

export function saleDoc(fields: { customerId: string | null; deviceId: string; venueId: string; cents?: number } & Doc): Doc {
  const t = now();
  const { cents = 2500, ...rest } = fields;
  return {
    id: newId(),
    staffId: 'staff-1',
    kind: 'SALE',
    refundOf: null,
    status: 'COMPLETED',
    isEventSale: false,
    eventId: null,
    eventType: null,
    salesChannel: 'IN_STORE',
    items: [{ productId: null, sku: 'FLIGHT', name: 'Tasting flight', category: 'TASTING', quantity: 1, unitPriceCents: cents, discountCents: 0, totalCents: cents }],
    subtotalCents: cents,
    discountCents: 0,
    taxCents: 0,
    totalCents: cents,
    paymentMethod: 'CARD',
    createdAt: t,
    updatedAt: t,
    ...rest,
  };
}

export function tagDoc(customerId: string, tagType: string, tagValue: string | null = null, fields: Doc = {}): Doc {
  const t = now();
  return { id: newId(), customerId, tagType, tagValue, addedAt: t, addedBy: 'staff-1', removedAt: null, removedBy: null, source: 'MANUAL', notes: null, updatedAt: t, ...fields };
}

export function noteDoc(customerId: string, body: string): Doc {
  const t = now();
  return { id: newId(), customerId, body, authorStaffId: 'staff-1', authorName: 'Leo', createdAt: t, updatedAt: t };
}

export function preferencesDoc(customerId: string, fields: Doc = {}): Doc {
  const t = now();
  return {
    id: newId(),
    customerId,
    emailOptIn: true,
    smsOptIn: false,
    postOptIn: false,
    doNotContact: false,
    frequency: 'MONTHLY',
    topics: ['new-releases'],
    consentSource: 'CHECK_IN',
    consentCapturedAt: t,
    capturedBy: 'staff-1',
    createdAt: t,
    updatedAt: t,
    ...fields,
  };
}
