import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeHlc, mergeFieldwise } from '../src';

type Doc = Record<string, unknown>;
const FIELDS = ['email', 'phone', 'firstName', 'lastName', 'postalCode'] as const;
const stamp = (ms: number, node: string) => encodeHlc({ wallMs: ms, counter: 0, node });

/** A base version and two sides that each changed some fields after it, with later stamps. */
const scenario = fc
  .record({
    base: fc.record(Object.fromEntries(FIELDS.map((f) => [f, fc.constantFrom('a', 'b', null)])) as Record<(typeof FIELDS)[number], fc.Arbitrary<string | null>>),
    left: fc.dictionary(fc.constantFrom(...FIELDS), fc.tuple(fc.constantFrom('x', 'y', 'a'), fc.integer({ min: 2, max: 50 }))),
    right: fc.dictionary(fc.constantFrom(...FIELDS), fc.tuple(fc.constantFrom('x', 'z', 'b'), fc.integer({ min: 51, max: 99 }))),
  })
  .map(({ base, left, right }) => {
    const baseClock = Object.fromEntries(FIELDS.map((f) => [f, stamp(1, 'base')]));
    const baseDoc: Doc = { id: '1', ...base, updatedAt: '2026-01-01T00:00:00.000Z', clock: baseClock };
    const side = (changes: Record<string, [string, number]>, node: string): Doc => ({
      ...baseDoc,
      ...Object.fromEntries(Object.entries(changes).map(([f, [v]]) => [f, v])),
      clock: { ...baseClock, ...Object.fromEntries(Object.entries(changes).map(([f, [, ms]]) => [f, stamp(ms, node)])) },
    });
    return { baseDoc, master: side(left, 'left'), incoming: side(right, 'right'), left, right };
  });

describe('field-wise merge', () => {
  it("keeps both devices' edits to different fields, with nothing recorded as lost", () => {
    const base: Doc = { id: '1', email: 'a@x.test', phone: '1', updatedAt: '2026-01-01T00:00:00.000Z', clock: { email: stamp(1, 'b'), phone: stamp(1, 'b') } };
    const a: Doc = { ...base, phone: '2', clock: { ...(base.clock as object), phone: stamp(5, 'a') } };
    const b: Doc = { ...base, email: 'b@x.test', clock: { ...(base.clock as object), email: stamp(3, 'b') } };
    const merged = mergeFieldwise(a, b, ['email', 'phone'], base);
    expect(merged.doc).toMatchObject({ email: 'b@x.test', phone: '2' });
    expect(merged.losses).toEqual([]);
  });

  it('keeps both edits of documents that carry no per-field clock, whichever was later', () => {
    // Imports and other clients send only updatedAt: a field a side left as it was is not an edit.
    const base: Doc = { id: '1', email: 'old@x.test', phone: '1', updatedAt: '2026-01-01T00:00:00.000Z' };
    const emailEdit: Doc = { ...base, email: 'new@x.test', updatedAt: '2026-01-01T00:00:01.000Z' };
    const phoneEdit: Doc = { ...base, phone: '2', updatedAt: '2026-01-01T00:00:02.000Z' };
    for (const [m, i] of [
      [emailEdit, phoneEdit],
      [phoneEdit, emailEdit],
    ]) {
      const merged = mergeFieldwise(m!, i!, ['email', 'phone'], base);
      expect(merged.doc).toMatchObject({ email: 'new@x.test', phone: '2', updatedAt: '2026-01-01T00:00:02.000Z' });
      expect(merged.losses).toEqual([]);
    }
    // Both changed one field: the later edit wins and the other is kept as lost.
    const laterEmail: Doc = { ...base, email: 'later@x.test', updatedAt: '2026-01-01T00:00:03.000Z' };
    const merged = mergeFieldwise(emailEdit, laterEmail, ['email', 'phone'], base);
    expect(merged.doc.email).toBe('later@x.test');
    expect(merged.losses).toMatchObject([{ field: 'email', lostValue: 'new@x.test', loser: 'master' }]);
  });

  it('gives a field both changed to the later clock and reports the earlier value as lost', () => {
    const base: Doc = { id: '1', firstName: 'Ann', updatedAt: '2026-01-01T00:00:00.000Z', clock: { firstName: stamp(1, 'b') } };
    const early = { ...base, firstName: 'Anne', clock: { firstName: stamp(5, 'early') } };
    const late = { ...base, firstName: 'Annie', clock: { firstName: stamp(9, 'late') } };
    for (const [m, i] of [
      [early, late],
      [late, early],
    ]) {
      const merged = mergeFieldwise(m!, i!, ['firstName'], base);
      expect(merged.doc.firstName).toBe('Annie');
      expect(merged.losses).toEqual([expect.objectContaining({ field: 'firstName', keptValue: 'Annie', lostValue: 'Anne' })]);
    }
  });

  it('reaches the same values whichever side is the master, and loses only values their side had changed', () => {
    fc.assert(
      fc.property(scenario, ({ baseDoc, master, incoming, left, right }) => {
        const one = mergeFieldwise(master, incoming, FIELDS, baseDoc);
        const two = mergeFieldwise(incoming, master, FIELDS, baseDoc);
        for (const f of FIELDS) {
          expect(one.doc[f]).toEqual(two.doc[f]);
          // A field only one side changed takes that side's value.
          if (f in left && !(f in right)) expect(one.doc[f]).toEqual(left[f]![0]);
          if (f in right && !(f in left)) expect(one.doc[f]).toEqual(right[f]![0]);
        }
        for (const l of one.losses) {
          expect(l.lostValue).not.toEqual(l.keptValue);
          expect(l.field in (l.loser === 'master' ? left : right)).toBe(true);
        }
        // Every field both changed to different values shows up as exactly one loss.
        const contested = FIELDS.filter((f) => f in left && f in right && left[f]![0] !== right[f]![0]);
        expect(one.losses.map((l) => l.field).sort()).toEqual([...contested].sort());
      }),
    );
  });
});
