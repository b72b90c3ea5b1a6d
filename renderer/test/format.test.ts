import { describe, expect, it } from 'vitest';
import { humanise } from '../src/ui/format';

describe('codes as words', () => {
  it('reads codes as a sentence and keeps initials in capitals', () => {
    expect(['AT_RISK', 'WINE_CLUB_PICKUP', 'ONE_TIME', 'VIP', 'SMS', 'PROSPECT'].map(humanise)).toEqual(['At risk', 'Wine club pickup', 'One time', 'VIP', 'SMS', 'Prospect']);
    expect(humanise('VIP_GUEST')).toBe('VIP guest');
  });
});
