import { Customer } from '@cellardoor/shared';
import { describe, expect, it } from 'vitest';
import { looksBinary } from '../src/manage/imports/guest-csv';
import { fieldSentence, humanise } from '../src/ui/format';

describe('codes as words', () => {
  it('reads codes as a sentence and keeps initials in capitals', () => {
    expect(['AT_RISK', 'WINE_CLUB_PICKUP', 'ONE_TIME', 'VIP', 'SMS', 'PROSPECT'].map(humanise)).toEqual(['At risk', 'Wine club pickup', 'One time', 'VIP', 'SMS', 'Prospect']);
    expect(humanise('VIP_GUEST')).toBe('VIP guest');
  });
});

describe('validation messages as sentences', () => {
  it('gives a predicate its field as subject and leaves a whole message alone', () => {
    expect(fieldSentence('Postcode', 'must be at most 20 characters')).toBe('Postcode must be at most 20 characters.');
    expect(fieldSentence('First name', 'a first name is needed')).toBe('A first name is needed.');
    expect(fieldSentence('Email', 'is not an email address.')).toBe('Email is not an email address.');
  });
  it('has words for every way a guest profile can be refused', () => {
    const guest = { id: '0196f03d-3df7-7bb6-beaf-249166f77c72', firstName: '', lastName: 'x'.repeat(101), email: `${'e'.repeat(260)}@x.io`, phone: '1'.repeat(40), postalCode: 'P'.repeat(21), dateOfBirth: 'soon', emailOptIn: false, smsOptIn: false, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
    const check = Customer.safeParse(guest);
    expect(check.success).toBe(false);
    const messages = (check.error?.issues ?? []).map((i) => i.message);
    expect(messages.length).toBeGreaterThanOrEqual(6);
    // zod's own defaults ("Too big: expected string to have <=20 characters") never reach staff.
    for (const m of messages) expect(m, m).not.toMatch(/expected|Too (big|small)|Invalid/);
  });
});

describe('a file that is not a CSV', () => {
  it('is told apart from text, accents and a byte-order mark included', () => {
    expect(looksBinary('\uFEFFfirst name,email\nRosé,rose@example.com\n')).toBe(false);
    expect(looksBinary('\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR')).toBe(true);
    expect(looksBinary('PK\u0003\u0004' + '\uFFFD'.repeat(20))).toBe(true);
    // A Latin-1 export: its accented letters are not UTF-8, but it is a CSV.
    expect(looksBinary('first name,email\n' + 'Jos\uFFFD,jose@example.com\n'.repeat(50))).toBe(false);
  });
});
