import { describe, expect, it } from 'vitest';
import { applyGuestChange, createGuestIndex, fold, queryTerms, searchGuests } from './guest-index';

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

describe('the index against a plain scan', () => {
  const first = ['Ana', 'Anders', 'Bo', 'Ines', 'Jo', 'José', 'Lena', 'Li', 'Mia', 'Noah', 'Zoë'];
  const last = ['Ames', 'Ng', 'Nguyen', 'Li', 'Lindqvist', 'Olsen', 'Ortiz', "O'Neil", 'Van Dijk'];
  const many = Array.from({ length: 600 }, (_, i) => ({
    id: `g${String(i).padStart(4, '0')}`,
    firstName: first[i % first.length]!,
    lastName: last[(i * 7) % last.length]!,
    email: i % 3 === 0 ? null : `${first[i % first.length]!.toLowerCase()}.${i}@example.com`,
    phone: i % 4 === 0 ? null : `+1707${String(5550000 + i * 13)}`,
  }));
  /** What a short, exact (not fuzzy) query must find: every guest with a term starting with each typed word. */
  const scan = (q: string) => {
    const words = queryTerms(q);
    return many
      .filter((g) => {
        const own = [...fold(`${g.firstName} ${g.lastName}`).split(/[\s'’.-]+/), ...(g.email ? [fold(g.email), ...g.email.split('@')[0]!.split(/[._+-]+/), g.email.split('@')[1]!] : []), ...(g.phone ? [g.phone.replace(/\D/g, ''), g.phone.replace(/\D/g, '').slice(1), g.phone.slice(-7), g.phone.slice(-4)] : [])];
        return words.every((w) => own.some((t) => t.startsWith(w)));
      })
      .map((g) => g.id)
      .sort();
  };
  const built = () => {
    const i = createGuestIndex();
    i.addAll(many);
    return i;
  };

  it('short queries find exactly the guests a scan finds, and count them all', () => {
    const i = built();
    for (const q of ['a', 'n', 'li', 'o', 'ng', 'zo', 'jo', 'e', '7', '70', '555', '0', 'an am', 'li li', 'ex', 'bo n']) {
      const all = i.search(q, 10_000);
      expect(all.hits.map((h) => h.id).sort(), q).toEqual(scan(q));
      expect(all.total, q).toBe(all.hits.length);
      const few = i.search(q, 5);
      expect(few.total, q).toBe(all.total);
      expect(few.hits, q).toEqual(all.hits.slice(0, 5));
    }
  });

  it('ranks an exact surname above a first name, and equals by name', () => {
    const hits = built().search('li', 10_000).hits;
    expect(hits[0]!.lastName).toBe('Li');
    const names = hits.filter((h) => h.score === hits[0]!.score).map((h) => `${h.lastName} ${h.firstName}`);
    expect(names).toEqual([...names].sort());
  });

  it('gives the same answers after many edits and removals as a fresh build', () => {
    const i = built();
    for (let round = 0; round < 4; round++)
      for (const g of many) applyGuestChange(i, round === 3 && g.id.endsWith('1') ? { ...g, _deleted: true } : { ...g, lastName: `${g.lastName}` });
    const fresh = createGuestIndex();
    fresh.addAll(many.filter((g) => !g.id.endsWith('1')));
    expect(i.documentCount).toBe(fresh.documentCount);
    for (const q of ['a', 'li', 'ortis', 'nguyen', '707', 'ana.1']) expect(i.search(q, 10_000), q).toEqual(fresh.search(q, 10_000));
  });
});
