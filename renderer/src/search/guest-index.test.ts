import { describe, expect, it } from 'vitest';
import { applyGuestChange, createGuestIndex, queryTerms, searchGuests } from './guest-index';

const guests = [
  { id: 'a', firstName: 'Wen', lastName: 'Müller', email: 'wen.muller.1@example.com', phone: '+17077155467' },
  { id: 'b', firstName: 'Hana', lastName: 'Van Dijk', email: 'hana.vandijk.0@example.com', phone: '+1 (707) 810-0944' },
  { id: 'c', firstName: 'José', lastName: 'García', email: null, phone: null },
  { id: 'd', firstName: 'Joseph', lastName: 'Garner', email: 'jg@example.org', phone: '+44 20 7946 0958' },
];

function index() {
  const i = createGuestIndex();
  for (const g of guests) applyGuestChange(i, g);
  return i;
}
const ids = (q: string) => searchGuests(index(), q).map((h) => h.id);

describe('guest search', () => {
  it('finds by the start of a first or last name, accents ignored both ways', () => {
    expect(ids('mul')).toEqual(['a']);
    expect(ids('Müll')).toEqual(['a']);
    expect(ids('garcia')).toEqual(['c']);
    expect(ids('jose')).toContain('c');
  });

  it('needs every typed word to match', () => {
    expect(ids('hana van')).toEqual(['b']);
    expect(ids('hana garcia')).toEqual([]);
  });

  it('forgives a typo in a longer word', () => {
    expect(ids('muler')).toEqual(['a']);
    expect(ids('garsia')).toContain('c');
  });

  it('finds by email, whole or in part', () => {
    expect(ids('hana.vandijk.0@ex')).toEqual(['b']);
    expect(ids('vandijk')).toEqual(['b']);
    expect(ids('jg@')).toEqual(['d']);
  });

  it('finds by phone digits however they are typed', () => {
    expect(ids('707 715')).toEqual(['a']);
    expect(ids('(707) 810-0944')).toEqual(['b']);
    expect(ids('0944')).toEqual(['b']);
    expect(ids('810 0944')).toEqual(['b']);
    expect(ids('+44 20 7946')).toEqual(['d']);
  });

  it('a blank query finds nothing; a digit-only phone query is one term', () => {
    expect(ids('   ')).toEqual([]);
    expect(queryTerms('(707) 810-0944')).toEqual(['7078100944']);
  });

  it('follows changes: an edit re-indexes, a merge or delete removes', () => {
    const i = index();
    applyGuestChange(i, { ...guests[0]!, lastName: 'Schmidt', email: 'wen.s@example.com' });
    expect(searchGuests(i, 'muller').map((h) => h.id)).toEqual([]);
    expect(searchGuests(i, 'schmidt').map((h) => h.id)).toEqual(['a']);
    applyGuestChange(i, { ...guests[1]!, mergedInto: 'a' });
    expect(searchGuests(i, 'hana')).toEqual([]);
    applyGuestChange(i, { ...guests[3]!, _deleted: true });
    expect(searchGuests(i, 'garner')).toEqual([]);
  });

  it('returns what a result row shows', () => {
    expect(searchGuests(index(), 'wen')[0]).toMatchObject({ id: 'a', firstName: 'Wen', lastName: 'Müller', email: 'wen.muller.1@example.com' });
  });
});

describe('duplicate contact details', () => {
  it('finds a guest by the same email in any case, or the same phone however typed', async () => {
    const { findDuplicates } = await import('./guest-index');
    const i = index();
    expect(findDuplicates(i, { email: 'Hana.VanDijk.0@Example.com' }).map((h) => h.id)).toEqual(['b']);
    expect(findDuplicates(i, { phone: '(707) 715-5467' }).map((h) => h.id)).toEqual(['a']);
    expect(findDuplicates(i, { phone: '+1 707 715 5467' }).map((h) => h.id)).toEqual(['a']);
    expect(findDuplicates(i, { email: 'hana.vandijk@example.com', phone: '707 715 5460' })).toEqual([]);
    expect(findDuplicates(i, { email: 'jg@example.org', phone: '+17077155467' }).map((h) => h.id).sort()).toEqual(['a', 'd']);
  });
});
