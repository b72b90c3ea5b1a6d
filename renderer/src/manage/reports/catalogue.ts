/**
 * The reports of docs/REPORTS.md as the console shows them: which parameters each takes (and how
 * to ask for them), and how each column reads. The server owns the figures; this only says how to
 * present them, so a column the server adds later still shows (as text) until it is listed here.
 */
export type ParamKind = 'tagType' | 'tagValue' | 'int' | 'cents' | 'date' | 'venue' | 'eventType' | 'customer';

export interface ParamSpec {
  key: string;
  label: string;
  kind: ParamKind;
  /** The server's default, shown in the field; empty means "all". */
  initial?: string;
  min?: number;
  max?: number;
  required?: boolean;
  hint?: string;
}

export type ColumnKind = 'text' | 'int' | 'decimal' | 'cents' | 'instant' | 'month' | 'date' | 'rate' | 'list' | 'codes' | 'gaps' | 'yesno' | 'guest';

export interface ColumnSpec {
  key: string;
  label: string;
  kind: ColumnKind;
}

export interface ReportSpec {
  name: string;
  title: string;
  summary: string;
  params: readonly ParamSpec[];
  columns: readonly ColumnSpec[];
}

const c = (key: string, label: string, kind: ColumnKind = 'text'): ColumnSpec => ({ key, label, kind });
const asOf: ParamSpec = { key: 'asOf', label: 'As of', kind: 'date', hint: 'Figures as they stood at the end of this day (empty: now).' };
const tagType = (required = false): ParamSpec => ({ key: 'tagType', label: 'Tag type', kind: 'tagType', required });
const limit = (initial: number, max: number): ParamSpec => ({ key: 'limit', label: 'How many', kind: 'int', initial: String(initial), min: 1, max });
const months = (initial: string): ParamSpec => ({ key: 'months', label: 'Months', kind: 'int', initial, min: 1, max: 120 });
const guest = [c('customerId', 'Guest', 'guest')];

export const REPORT_SPECS: readonly ReportSpec[] = [
  {
    name: 'revenue-by-tag',
    title: 'Revenue by tag type',
    summary: 'What guests with each kind of tag have spent, counted per tag and per guest.',
    params: [tagType(), asOf],
    columns: [
      c('displayName', 'Tag type'),
      c('customerCount', 'Guests', 'int'),
      c('activeTags', 'Active tags', 'int'),
      c('totalRevenueCents', 'Revenue (per tag)', 'cents'),
      c('avgRevenuePerCustomerCents', 'Average per guest', 'cents'),
      c('totalOrders', 'Orders (per tag)', 'int'),
      c('distinctCustomerRevenueCents', 'Revenue (each guest once)', 'cents'),
      c('distinctCustomerOrderCount', 'Orders (each guest once)', 'int'),
    ],
  },
  {
    name: 'customers-by-tag',
    title: 'Guests of a tag',
    summary: 'Everyone with a tag, ranked by what they have spent, and what they spent since being tagged.',
    params: [tagType(true), { key: 'tagValue', label: 'Tag value', kind: 'tagValue' }, limit(50, 1000), asOf],
    columns: [
      c('rank', 'Rank', 'int'),
      ...guest,
      c('tagValues', 'Values', 'list'),
      c('firstAddedAt', 'Tagged since', 'instant'),
      c('totalRevenueCents', 'Revenue', 'cents'),
      c('orderCount', 'Orders', 'int'),
      c('lastOrderAt', 'Last order', 'instant'),
      c('revenueSinceAddedCents', 'Revenue since tagged', 'cents'),
      c('ordersSinceAdded', 'Orders since tagged', 'int'),
    ],
  },
  {
    name: 'customer-tags',
    title: 'A guest’s tags',
    summary: 'One guest’s active tags, with revenue since each was added.',
    params: [{ key: 'customerId', label: 'Guest', kind: 'customer', required: true, hint: 'Pick a guest by name, or open one from another report.' }, asOf],
    columns: [
      c('displayName', 'Tag'),
      c('category', 'Category'),
      c('tagType', 'Type'),
      c('tagValue', 'Value'),
      c('addedAt', 'Added', 'instant'),
      c('totalRevenueCents', 'Revenue', 'cents'),
      c('orderCount', 'Orders', 'int'),
      c('lastOrderAt', 'Last order', 'instant'),
      c('revenueSinceAddedCents', 'Revenue since added', 'cents'),
      c('ordersSinceAdded', 'Orders since added', 'int'),
    ],
  },
  {
    name: 'top-customers',
    title: 'Top guests per tag type',
    summary: 'The best-spending guests within each tag type.',
    params: [limit(10, 100), tagType(), asOf],
    columns: [
      c('displayName', 'Tag type'),
      c('rank', 'Rank', 'int'),
      ...guest,
      c('totalRevenueCents', 'Revenue', 'cents'),
      c('orderCount', 'Orders', 'int'),
      c('activeTags', 'Active tags', 'int'),
    ],
  },
  {
    name: 'event-sales',
    title: 'Event sales',
    summary: 'Sales at events by event type and month.',
    params: [months(''), { key: 'eventType', label: 'Event type', kind: 'eventType' }, { key: 'venueId', label: 'Venue', kind: 'venue' }, asOf],
    columns: [
      c('eventType', 'Event type'),
      c('month', 'Month', 'month'),
      c('sales', 'Sales', 'int'),
      c('uniqueCustomers', 'Guests', 'int'),
      c('revenueCents', 'Revenue', 'cents'),
      c('avgOrderCents', 'Average sale', 'cents'),
    ],
  },
  {
    name: 'multi-tag-guests',
    title: 'Guests with several tag types',
    summary: 'Guests carrying at least this many different kinds of tag.',
    params: [{ key: 'minTypes', label: 'At least this many tag types', kind: 'int', initial: '2', min: 1, max: 50 }, limit(100, 1000), asOf],
    columns: [
      c('rank', 'Rank', 'int'),
      ...guest,
      c('tagTypeCount', 'Tag types', 'int'),
      c('tagTypes', 'Which', 'codes'),
      c('activeTags', 'Active tags', 'int'),
      c('totalRevenueCents', 'Revenue', 'cents'),
      c('orderCount', 'Orders', 'int'),
      c('lastOrderAt', 'Last order', 'instant'),
    ],
  },
  {
    name: 'tag-growth',
    title: 'Tag growth',
    summary: 'Tags added and removed each month, and how many were active at the month’s end.',
    params: [months('12'), tagType(), asOf],
    columns: [
      c('month', 'Month', 'month'),
      c('tagType', 'Tag type'),
      c('added', 'Added', 'int'),
      c('removed', 'Removed', 'int'),
      c('net', 'Net', 'int'),
      c('activeAtMonthEnd', 'Active at month end', 'int'),
    ],
  },
  {
    name: 'lifetime-value',
    title: 'Lifetime value by tag',
    summary: 'What a guest of each tag type is worth over their whole history with you.',
    params: [tagType(), asOf],
    columns: [
      c('displayName', 'Tag type'),
      c('customers', 'Guests', 'int'),
      c('buyers', 'Who bought', 'int'),
      c('avgDaysActive', 'Average days active', 'decimal'),
      c('avgValueCents', 'Average value', 'cents'),
      c('medianValueCents', 'Median value', 'cents'),
      c('totalValueCents', 'Total value', 'cents'),
    ],
  },
  {
    name: 're-engagement',
    title: 'Guests to win back',
    summary: 'Tagged guests who spent a lot but have not bought for a while, with their consent to be contacted.',
    params: [
      { key: 'minRevenueCents', label: 'Spent at least', kind: 'cents', initial: '50000' },
      { key: 'inactiveDays', label: 'No purchase for at least (days)', kind: 'int', initial: '90', min: 0, max: 36500 },
      tagType(),
      limit(100, 1000),
      asOf,
    ],
    columns: [
      c('rank', 'Rank', 'int'),
      ...guest,
      c('email', 'Email'),
      c('phone', 'Phone'),
      c('emailOptIn', 'Email OK', 'yesno'),
      c('smsOptIn', 'Texts OK', 'yesno'),
      c('totalRevenueCents', 'Revenue', 'cents'),
      c('orderCount', 'Orders', 'int'),
      c('lastOrderAt', 'Last order', 'instant'),
      c('daysSinceLastOrder', 'Days since', 'int'),
      c('tagTypes', 'Tag types', 'codes'),
    ],
  },
  {
    name: 'club-conversion',
    title: 'Event guests who joined the club',
    summary: 'Of the guests who came to an event each month, how many joined the wine club afterwards, and how soon.',
    params: [months('12'), asOf],
    columns: [
      c('cohortMonth', 'First event', 'month'),
      c('attendees', 'Event guests', 'int'),
      c('alreadyMembers', 'Already members', 'int'),
      c('converted', 'Joined', 'int'),
      c('conversionRate', 'Joined (share)', 'rate'),
      c('avgDaysToConvert', 'Average days to join', 'decimal'),
      c('convertedWithin30Days', 'Within 30 days', 'int'),
      c('convertedWithin90Days', 'Within 90 days', 'int'),
      c('convertedWithin365Days', 'Within a year', 'int'),
    ],
  },
  {
    name: 'close-out',
    title: 'Daily close-out',
    summary: 'A day’s sales, refunds and payment methods per venue and tablet, and any sales a tablet has not sent yet.',
    params: [{ key: 'date', label: 'Day', kind: 'date', hint: 'Empty: today at each venue.' }, { key: 'venueId', label: 'Venue', kind: 'venue' }],
    columns: [
      c('venueName', 'Venue'),
      c('deviceName', 'Tablet'),
      c('salesCount', 'Sales', 'int'),
      c('salesCents', 'Sales total', 'cents'),
      c('refundsCount', 'Refunds', 'int'),
      c('refundsCents', 'Refunds total', 'cents'),
      c('netCents', 'Net', 'cents'),
      c('cardCents', 'Card', 'cents'),
      c('cashCents', 'Cash', 'cents'),
      c('otherCents', 'Other', 'cents'),
      c('eventSalesCents', 'At events', 'cents'),
      c('counterSalesCents', 'At the counter', 'cents'),
      c('voidedCount', 'Voided', 'int'),
      c('firstSeq', 'First sale no.', 'int'),
      c('lastSeq', 'Last sale no.', 'int'),
      c('missing', 'Not received yet', 'gaps'),
    ],
  },
];

export const reportSpec = (name: string): ReportSpec | undefined => REPORT_SPECS.find((r) => r.name === name);
