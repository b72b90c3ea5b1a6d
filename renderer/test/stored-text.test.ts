import { describe, expect, it } from 'vitest';
import { needlesIn } from '../test-support/stored-text';

const pii = ['Marisol', 'Quintana', 'marisol.quintana@example.test', '555 0123', '95401'];

describe("searching a tablet's storage for a guest's personal data", () => {
  it('finds it in fields, nested copies (replication meta) and longer text', () => {
    expect(needlesIn({ id: 'c1', postalCode: '95401' }, pii)).toEqual(['95401']);
    expect(needlesIn({ itemId: 'c1', docData: { lastName: 'Quintana-Early', phone: '+1 707 555 0123' } }, pii)).toEqual(['Quintana', '555 0123']);
    expect(needlesIn({ body: 'MARISOL asked about the reserve' }, pii)).toEqual(['Marisol']);
    expect(needlesIn({ email: 'marisol.quintana@example.test' }, pii)).toEqual(['Marisol', 'Quintana', 'marisol.quintana@example.test']);
    expect(needlesIn({ tags: [{ note: 'zip 95401.' }] }, pii)).toEqual(['95401']);
  });

  it('ignores the same digits inside timestamps, ids and revisions', () => {
    const bookkeeping = {
      id: '019ab954-0195-7401-a954-01c95401ffee',
      _rev: '3-k95401x',
      _meta: { lwt: 1795473954012.01 },
      checkpoint: { c: '1795401' },
      firstName: 'Erased',
    };
    expect(needlesIn(bookkeeping, pii)).toEqual([]);
  });
});
