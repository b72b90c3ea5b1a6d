import { describe, expect, it } from 'vitest';
import { editDistance } from './guest-terms';
import { TermDictionary } from './term-dictionary';

const prefixed = (d: TermDictionary, prefix: string) => {
  const { terms, from, to } = d.withPrefix(prefix);
  return terms.slice(from, to).map((p) => p.term);
};

describe('term dictionary', () => {
  it('finds every term with a prefix, including terms added after earlier lookups', () => {
    const d = new TermDictionary();
    for (const t of ['mason', 'ma', 'lee', 'mae']) d.add(t, 0);
    expect(prefixed(d, 'ma')).toEqual(['ma', 'mae', 'mason']);
    for (const t of ['mab', 'm', 'zed', 'mason']) d.add(t, 4);
    expect(prefixed(d, 'ma')).toEqual(['ma', 'mab', 'mae', 'mason']);
    expect(prefixed(d, 'm')).toEqual(['m', 'ma', 'mab', 'mae', 'mason']);
    expect(prefixed(d, 'x')).toEqual([]);
    expect(d.get('mason')?.codes).toEqual([0, 4]);
  });

  it('finds words within reach of a typo, never digits', () => {
    const d = new TermDictionary();
    for (const t of ['muller', 'miller', 'mueller', 'moller', 'mull', '707555']) d.add(t, 0);
    const near = (t: string, max: number) => {
      const out: string[] = [];
      d.near(t, max, (p, dist) => out.push(`${p.term}:${dist}`));
      return out.sort();
    };
    expect(near('muler', 1)).toEqual(['muller:1']);
    expect(near('muler', 2)).toEqual(['miller:2', 'moller:2', 'mueller:2', 'mull:2', 'muller:1']);
    expect(near('707556', 1)).toEqual([]);
  });
});

describe('edit distance', () => {
  it('counts insertions, deletions and substitutions, capped at max + 1', () => {
    expect(editDistance('garcia', 'garsia', 2)).toBe(1);
    expect(editDistance('kitten', 'sitting', 3)).toBe(3);
    expect(editDistance('kitten', 'sitting', 2)).toBe(3);
    expect(editDistance('abc', 'abc', 0)).toBe(0);
    expect(editDistance('ab', 'abcdef', 2)).toBe(3);
  });
});
