import type { CollectionName } from '@cellardoor/shared';

/**
 * Typed columns each replicated table extracts from the document `d` (jsonb) on write, for the
 * calculations. The expressions are constants of this file, never built from input.
 */
const ts = (field: string) => `(d->>'${field}')::timestamptz`;
const text = (field: string) => `(d->>'${field}')`;
const uuid = (field: string) => `(d->>'${field}')::uuid`;
const int = (field: string) => `(d->>'${field}')::bigint`;
const bool = (field: string) => `(d->>'${field}')::boolean`;

export const TYPED_COLUMNS: Record<CollectionName, ReadonlyArray<readonly [string, string]>> = {
  venues: [
    ['name', text('name')],
    ['timezone', text('timezone')],
    ['tax_rate_bps', int('taxRateBps')],
  ],
  staff: [
    ['name', text('name')],
    ['role', text('role')],
    ['is_active', bool('isActive')],
  ],
  tag_definitions: [
    ['tag_type', text('tagType')],
    ['tag_value', text('tagValue')],
    ['display_name', text('displayName')],
    ['category', text('category')],
    ['parent_id', uuid('parentId')],
    ['is_active', bool('isActive')],
    ['priority', int('priority')],
  ],
  products: [
    ['sku', text('sku')],
    ['name', text('name')],
    ['category', text('category')],
    ['price_cents', int('priceCents')],
    ['is_active', bool('isActive')],
  ],
  events: [
    ['venue_id', uuid('venueId')],
    ['event_type', text('eventType')],
    ['name', text('name')],
    ['starts_at', ts('startsAt')],
    ['ends_at', ts('endsAt')],
  ],
  customers: [
    ['email_norm', `lower(nullif(btrim(d->>'email'), ''))`],
    // Digits only (with a leading +), so "+1 707-555 0100" and "+17075550100" match.
    ['phone_norm', `nullif(regexp_replace(coalesce(d->>'phone', ''), '[^0-9+]', '', 'g'), '')`],
    ['first_name', text('firstName')],
    ['last_name', text('lastName')],
    ['created_at', ts('createdAt')],
    ['merged_into', uuid('mergedInto')],
    ['erased_at', ts('erasedAt')],
  ],
  customer_tags: [
    ['customer_id', uuid('customerId')],
    ['tag_type', text('tagType')],
    ['tag_value', text('tagValue')],
    ['added_at', ts('addedAt')],
    ['removed_at', ts('removedAt')],
    ['source', text('source')],
    ['event_id', uuid('eventId')],
  ],
  orders: [
    ['customer_id', uuid('customerId')],
    ['kind', text('kind')],
    ['status', text('status')],
    ['total_cents', int('totalCents')],
    ['subtotal_cents', int('subtotalCents')],
    ['tax_cents', int('taxCents')],
    ['discount_cents', int('discountCents')],
    ['created_at', ts('createdAt')],
    ['venue_id', uuid('venueId')],
    ['device_id', uuid('deviceId')],
    ['staff_id', text('staffId')],
    ['event_id', uuid('eventId')],
    ['event_type', text('eventType')],
    ['is_event_sale', bool('isEventSale')],
    ['sales_channel', text('salesChannel')],
    ['payment_method', text('paymentMethod')],
    ['refund_of', uuid('refundOf')],
    ['device_seq', int('deviceSeq')],
    ['receipt_number', text('receiptNumber')],
  ],
  customer_notes: [
    ['customer_id', uuid('customerId')],
    ['created_at', ts('createdAt')],
  ],
  communication_preferences: [
    ['customer_id', uuid('customerId')],
    ['email_opt_in', bool('emailOptIn')],
    ['sms_opt_in', bool('smsOptIn')],
  ],
  customer_insights: [['customer_id', uuid('customerId')]],
};

/** Table names are the collection names; this guard keeps any other string out of SQL. */
export function tableOf(collection: CollectionName): string {
  if (!(collection in TYPED_COLUMNS)) throw new Error(`not a collection: ${collection}`);
  return collection;
}
