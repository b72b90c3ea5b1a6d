import { describe, expect, it } from 'vitest';
import { FIRST_PAUSE_MS, FREE_TRIES, MAX_PAUSE_MS, createPinThrottle } from './pin-throttle';

describe('PIN throttle', () => {
  it('pauses after the free tries, doubles each pause, and forgets on the right PIN', () => {
    let t = 0;
    const throttle = createPinThrottle(() => t);
    for (let i = 0; i < FREE_TRIES - 1; i++) throttle.wrong();
    expect(throttle.waitMs()).toBe(0);
    throttle.wrong();
    expect(throttle.waitMs()).toBe(FIRST_PAUSE_MS);
    t += FIRST_PAUSE_MS;
    expect(throttle.waitMs()).toBe(0);
    throttle.wrong();
    expect(throttle.waitMs()).toBe(2 * FIRST_PAUSE_MS);
    for (let i = 0; i < 20; i++) throttle.wrong();
    expect(throttle.waitMs()).toBe(MAX_PAUSE_MS);
    throttle.right();
    expect(throttle.waitMs()).toBe(0);
    throttle.wrong();
    expect(throttle.waitMs()).toBe(0);
  });
});
