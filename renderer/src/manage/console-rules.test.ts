import { type FieldDescriptor, SEGMENT_FIELDS } from '@cellardoor/shared';
import { describe, expect, it } from 'vitest';
import { describeGaps } from './dashboard/tablet-gaps';
import { guessMapping, mapRow, parseTags } from './imports/guest-csv';
import { formatCell, formatGaps } from './reports/cells';
import { reportQuery } from './reports/report-query';
import { compareCells } from './reports/use-sort';
import { checkDraft, fromRule, newCondition, newGroup, toRule } from './segments/rule-draft';

const fields = new Map<string, FieldDescriptor>(SEGMENT_FIELDS.map((f) => [f.name, f]));
const field = (name: string) => fields.get(name)!;

describe('segment builder drafts', () => {
  it('turns dollars into cents and marks a bad amount on its own condition', () => {
    const bad = { ...newCondition(field('totalSpentCents')), op: 'gte' as const, text: 'lots' };
    const good = { ...newCondition(field('totalSpentCents')), op: 'gte' as const, text: '499.95' };
    const root = newGroup('all', [good, newGroup('any', [bad])]);
    const checked = checkDraft(root, fields);
    expect(checked.ok).toBe(false);
    expect(checked.problems.get(bad.id)).toEqual(['“lots” is not an amount like 250 or 99.50']);
    expect(checked.problems.has(good.id)).toBe(false);
    expect(toRule(root, fields).rule).toEqual({ all: [{ field: 'totalSpentCents', op: 'gte', value: 49995 }, { any: [{ field: 'totalSpentCents', op: 'gte', value: 'lots' }] }] });
  });

  it('puts the shared validator’s message on the condition its path names', () => {
    const empty = newCondition(field('lifecycleStage'));
    const root = newGroup('all', [{ id: 'x', kind: 'not', child: empty }]);
    expect(checkDraft(root, fields).problems.get(empty.id)).toEqual(['choose at least one value']);
  });

  it('reads a saved rule back into the same rule', () => {
    const rule = {
      all: [
        { field: 'totalSpentCents', op: 'between', value: [10000, 50050] },
        { any: [{ field: 'tag', op: 'has', value: { tagType: 'WINE_CLUB', tagValue: 'GOLD' }, withinDays: 90 }, { not: { field: 'birthdayMonth', op: 'in', value: [3, 4] } }] },
        { field: 'lastOrderAt', op: 'isEmpty' },
      ],
    };
    const again = checkDraft(fromRule(rule as never, fields), fields);
    expect(again.ok).toBe(true);
    expect(again.rule).toEqual(rule);
  });
});

describe('report presentation', () => {
  it('formats money from cents, gaps and empties', () => {
    expect(formatCell('cents', 123456)).toBe('$1,234.56');
    expect(formatCell('cents', -500)).toBe('-$5.00');
    expect(formatCell('codes', ['PREFERENCE', 'WINE_CLUB', 'VIP'])).toBe('Preference, Wine club, VIP');
    expect(formatCell('list', ['Saturday Reserve Tasting', 'GOLD'])).toBe('Saturday Reserve Tasting, GOLD');
    expect(formatGaps([[41, 43], [50, 50]])).toBe('41–43, 50');
    expect(formatCell('int', null)).toBe('—');
  });

  it('sorts numbers as numbers, empties last', () => {
    expect([10, null, 9, 100].sort(compareCells)).toEqual([9, 10, 100, null]);
    expect(['b10', 'b9'].sort(compareCells)).toEqual(['b9', 'b10']);
  });

  it('builds the query: dollars to cents, required fields, defaults', () => {
    const specs = [
      { key: 'tagType', label: 'Tag type', kind: 'tagType', required: true },
      { key: 'minRevenueCents', label: 'Spent at least', kind: 'cents', initial: '50000' },
    ] as const;
    expect(reportQuery(specs, {})).toEqual({ problem: 'Choose tag type to see this report.' });
    expect(reportQuery(specs, { tagType: 'VIP', minRevenueCents: '250.5' })).toEqual({ query: { tagType: 'VIP', minRevenueCents: 25050 } });
    expect(reportQuery(specs, { tagType: 'VIP', minRevenueCents: 'x' })).toEqual({ problem: 'Spent at least: “x” is not an amount like 500 or 499.95.' });
  });

  it('says which sales a tablet still holds', () => {
    const t = { deviceId: 'd', deviceName: 'Tablet 2', lastSeqReceived: 44, lastReportedSeq: 44 };
    expect(describeGaps({ ...t, missing: [[41, 43]] })).toBe('Tablet 2 still holds sales 41–43');
    expect(describeGaps({ ...t, missing: [[7, 7]] })).toBe('Tablet 2 still holds sale 7');
    expect(describeGaps({ ...t, missing: [[3, 4], [7, 7], [9, 9]] })).toBe('Tablet 2 still holds sales 3–4, 7 and 9');
  });
});

describe('guest CSV columns', () => {
  it('guesses columns from other systems’ headers, each used once', () => {
    const m = guessMapping(['First Name', 'Surname', 'E-mail', 'Mobile', 'Zip', 'Newsletter', 'Tags', 'Notes']);
    expect(m).toMatchObject({ firstName: 'First Name', lastName: 'Surname', email: 'E-mail', phone: 'Mobile', postalCode: 'Zip', emailOptIn: 'Newsletter', tags: 'Tags', smsOptIn: '', dateOfBirth: '' });
  });

  it('maps a row to the import API’s fields with tags parsed', () => {
    expect(parseTags('wine club:gold; VIP')).toEqual([
      { tagType: 'WINE_CLUB', tagValue: 'GOLD' },
      { tagType: 'VIP', tagValue: null },
    ]);
    expect(mapRow({ first_name: 'Ada', email: 'a@b.co', tags: '' }, guessMapping(['first_name', 'email', 'tags']))).toEqual({ firstName: 'Ada', email: 'a@b.co' });
  });
});
