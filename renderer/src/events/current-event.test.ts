import { beforeAll, describe, expect, it } from 'vitest';

// The store persists to localStorage; Node has none, so a Map stands in for it.
const mem = new Map<string, string>();
beforeAll(() => {
  globalThis.localStorage = {
    getItem: (k: string) => mem.get(k) ?? null,
    setItem: (k: string, v: string) => void mem.set(k, v),
    removeItem: (k: string) => void mem.delete(k),
    clear: () => mem.clear(),
    key: (i: number) => [...mem.keys()][i] ?? null,
    get length() {
      return mem.size;
    },
  } as Storage;
});

const event = { id: '0190a0a0-0000-7000-8000-000000000001', name: 'Harvest party', eventType: 'PUBLIC_EVENT', endsAt: '2026-05-02T23:00:00.000Z' };

describe('current event', () => {
  it('is none until picked, then the picked event for this device, persisted', async () => {
    const { getCurrentEvent, pickCurrentEvent, CURRENT_EVENT_STORAGE_KEY } = await import('./current-event');
    const now = new Date('2026-05-02T15:00:00.000Z');
    expect(getCurrentEvent('dev-1', now)).toBeNull();
    pickCurrentEvent(event, 'dev-1', now);
    expect(getCurrentEvent('dev-1', now)).toEqual({ id: event.id, name: 'Harvest party', eventType: 'PUBLIC_EVENT' });
    expect(getCurrentEvent(undefined, now)?.id).toBe(event.id);
    expect(getCurrentEvent('dev-2', now)).toBeNull();
    expect(JSON.parse(mem.get(CURRENT_EVENT_STORAGE_KEY)!).state.pick.id).toBe(event.id);
  });

  it('lapses after the day the event ends, so yesterday’s pick does not make today’s sales event sales', async () => {
    const { getCurrentEvent, pickCurrentEvent } = await import('./current-event');
    pickCurrentEvent(event, 'dev-1', new Date('2026-05-02T15:00:00.000Z'));
    expect(getCurrentEvent('dev-1', new Date('2026-05-04T12:00:00.000Z'))).toBeNull();
  });

  it('an event that already ended holds until the end of today', async () => {
    const { getCurrentEvent, pickCurrentEvent, endOfLocalDay } = await import('./current-event');
    const now = new Date('2026-05-10T12:00:00.000Z');
    pickCurrentEvent(event, 'dev-1', now);
    expect(getCurrentEvent('dev-1', now)?.id).toBe(event.id);
    expect(getCurrentEvent('dev-1', new Date(endOfLocalDay(now).getTime() + 1))).toBeNull();
  });

  it('picking none clears it', async () => {
    const { getCurrentEvent, pickCurrentEvent } = await import('./current-event');
    const now = new Date('2026-05-02T15:00:00.000Z');
    pickCurrentEvent(event, 'dev-1', now);
    pickCurrentEvent(null, 'dev-1', now);
    expect(getCurrentEvent('dev-1', now)).toBeNull();
  });
});
