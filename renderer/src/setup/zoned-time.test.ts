import { describe, expect, it } from 'vitest';
import { fromZonedInput, toZonedInput } from './zoned-time';

describe('venue wall-clock times', () => {
  it('reads 6 pm in Los Angeles as 01:00 UTC the next day in summer, and writes it back', () => {
    expect(fromZonedInput('2026-07-04T18:00', 'America/Los_Angeles')).toBe('2026-07-05T01:00:00.000Z');
    expect(toZonedInput('2026-07-05T01:00:00.000Z', 'America/Los_Angeles')).toBe('2026-07-04T18:00');
  });
  it('follows daylight saving: the same wall time in winter is an hour later in UTC', () => {
    expect(fromZonedInput('2026-01-10T18:00', 'America/Los_Angeles')).toBe('2026-01-11T02:00:00.000Z');
  });
  it('handles zones ahead of UTC and refuses unreadable input', () => {
    expect(fromZonedInput('2026-03-01T09:30', 'Australia/Adelaide')).toBe('2026-02-28T23:00:00.000Z');
    expect(fromZonedInput('tomorrow', 'UTC')).toBeNull();
  });
});
