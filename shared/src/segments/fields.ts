import { EVENT_TYPES, FREQUENCY_TIERS, LIFECYCLE_STAGES, PRODUCT_CATEGORIES, SPENDING_TIERS } from '../schemas';

/**
 * The whitelist of what a segment rule may look at. The server compiles each field to a fixed SQL
 * fragment of its own; a rule only ever chooses among these names and supplies values, which
 * travel as query parameters.
 */
export type FieldType = 'money' | 'integer' | 'date' | 'enum' | 'code' | 'boolean' | 'text' | 'tag' | 'set' | 'month';

export const NUMBER_OPS = ['gt', 'gte', 'lt', 'lte', 'eq', 'between'] as const;
export const DATE_OPS = ['withinLastDays', 'notWithinLastDays', 'before', 'after', 'isEmpty', 'isNotEmpty'] as const;
export const CHOICE_OPS = ['in', 'notIn'] as const;
export const BOOLEAN_OPS = ['is'] as const;
export const TEXT_OPS = ['eq', 'in', 'startsWith'] as const;
export const TAG_OPS = ['has', 'hasNot'] as const;
export const SET_OPS = ['anyOf', 'allOf', 'noneOf'] as const;

export type Operator =
  | (typeof NUMBER_OPS)[number]
  | (typeof DATE_OPS)[number]
  | (typeof CHOICE_OPS)[number]
  | (typeof BOOLEAN_OPS)[number]
  | (typeof TEXT_OPS)[number]
  | (typeof TAG_OPS)[number]
  | (typeof SET_OPS)[number];

export interface FieldDescriptor {
  name: string;
  label: string;
  /** One sentence for the builder's help text. */
  help: string;
  type: FieldType;
  operators: readonly Operator[];
  /** The values a choice may take; for `code` and `set` fields, suggestions (tenants may add their own codes). */
  allowedValues?: readonly (string | number)[];
  /** Whether the condition may be limited to a time window (`withinDays`: last 30/90/365 days…). */
  window: boolean;
}

export const SEGMENT_FIELDS = [
  { name: 'totalSpentCents', label: 'Total spent', help: 'Net revenue of completed sales minus refunds, in cents; with a window, only orders in it.', type: 'money', operators: NUMBER_OPS, window: true },
  { name: 'orderCount', label: 'Number of orders', help: 'Completed sales (refunds do not count); with a window, only sales in it.', type: 'integer', operators: NUMBER_OPS, window: true },
  { name: 'avgOrderCents', label: 'Average order value', help: 'Total spent divided by the number of orders, in cents; guests without an order never match.', type: 'money', operators: NUMBER_OPS, window: false },
  { name: 'daysSinceLastOrder', label: 'Days since last order', help: 'Whole days from the last completed sale to now; guests without an order never match.', type: 'integer', operators: NUMBER_OPS, window: false },
  { name: 'firstOrderAt', label: 'First order', help: 'When the guest first bought.', type: 'date', operators: DATE_OPS, window: false },
  { name: 'lastOrderAt', label: 'Last order', help: 'When the guest last bought.', type: 'date', operators: DATE_OPS, window: false },
  { name: 'guestSince', label: 'Guest since', help: 'When the guest was added.', type: 'date', operators: DATE_OPS, window: false },
  { name: 'tag', label: 'Tag', help: 'An active tag of a type, optionally with a value; with a window, added within it.', type: 'tag', operators: TAG_OPS, window: true },
  { name: 'eventTypeAttended', label: 'Event types attended', help: 'Event types the guest bought at or was tagged at.', type: 'set', operators: SET_OPS, allowedValues: EVENT_TYPES, window: true },
  { name: 'categoryBought', label: 'Product categories bought', help: 'Categories of products the guest bought.', type: 'set', operators: SET_OPS, allowedValues: PRODUCT_CATEGORIES, window: true },
  { name: 'venueVisited', label: 'Venue', help: 'Venues (ids) where the guest bought.', type: 'set', operators: SET_OPS, window: true },
  { name: 'spendingTier', label: 'Spending tier', help: 'The built-in spending tier under this account’s thresholds.', type: 'enum', operators: CHOICE_OPS, allowedValues: SPENDING_TIERS, window: false },
  { name: 'frequencyTier', label: 'Frequency tier', help: 'The built-in frequency tier under this account’s thresholds.', type: 'enum', operators: CHOICE_OPS, allowedValues: FREQUENCY_TIERS, window: false },
  { name: 'lifecycleStage', label: 'Lifecycle stage', help: 'New, active, at risk, churned or prospect, as of now.', type: 'enum', operators: CHOICE_OPS, allowedValues: LIFECYCLE_STAGES, window: false },
  { name: 'favouriteCategory', label: 'Favourite product category', help: 'The category the guest spent most on.', type: 'code', operators: CHOICE_OPS, allowedValues: PRODUCT_CATEGORIES, window: false },
  { name: 'favouriteEventType', label: 'Favourite event type', help: 'The event type the guest bought at most often.', type: 'code', operators: CHOICE_OPS, allowedValues: EVENT_TYPES, window: false },
  { name: 'emailOptIn', label: 'Email consent', help: 'The guest agreed to marketing email (and did not ask for no contact).', type: 'boolean', operators: BOOLEAN_OPS, window: false },
  { name: 'smsOptIn', label: 'SMS consent', help: 'The guest agreed to marketing text messages (and did not ask for no contact).', type: 'boolean', operators: BOOLEAN_OPS, window: false },
  { name: 'postalCode', label: 'Postal code', help: 'The guest’s postal code; “starts with” matches an area.', type: 'text', operators: TEXT_OPS, window: false },
  { name: 'birthdayMonth', label: 'Birthday month', help: 'Month of the date of birth, 1 = January.', type: 'month', operators: CHOICE_OPS, allowedValues: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], window: false },
] as const satisfies readonly FieldDescriptor[];

export type SegmentFieldName = (typeof SEGMENT_FIELDS)[number]['name'];

const BY_NAME: ReadonlyMap<string, FieldDescriptor> = new Map(SEGMENT_FIELDS.map((f) => [f.name, f]));

export function segmentField(name: string): FieldDescriptor | undefined {
  return BY_NAME.get(name);
}

/** Common windows the builder offers; any whole number of days from 1 to 3650 is accepted. */
export const WINDOW_PRESETS = [30, 90, 365] as const;
