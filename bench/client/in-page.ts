/// <reference lib="dom" />
// These functions run in the browser page (page.evaluate); they measure with the page's own
// clock from the moment the input happens to the frame after the screen shows the result.

export interface Waiter {
  /** Resolves with milliseconds from `act()` to the first frame after `done()` holds. */
  (act: () => void, done: () => boolean, timeoutMs?: number): Promise<number>;
}

/** Installs window.__measure in the page: a MutationObserver waits for the condition, then a frame. */
export function installMeasure(): void {
  const w = window as unknown as { __measure: Waiter };
  w.__measure = (act, done, timeoutMs = 10_000) =>
    new Promise<number>((resolve, reject) => {
      const t0 = performance.now();
      let settled = false;
      const finish = () => {
        if (settled) return;
        settled = true;
        obs.disconnect();
        clearTimeout(timer);
        requestAnimationFrame(() => resolve(performance.now() - t0));
      };
      const obs = new MutationObserver(() => {
        if (done()) finish();
      });
      obs.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      const timer = setTimeout(() => {
        if (!settled) {
          obs.disconnect();
          reject(new Error('timed out waiting for the screen'));
        }
      }, timeoutMs);
      act();
      if (done()) finish();
    });
}

/** Types `value` into the check-in search box as a keystroke would (React sees an input event). */
export function typeSearch(value: string): Promise<number> {
  const w = window as unknown as { __measure: Waiter };
  const input = document.getElementById('guest-search') as HTMLInputElement;
  const results = () => document.querySelector('[data-testid="guest-results"]');
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  return w.__measure(
    () => {
      setter.call(input, value);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    },
    () => results()?.getAttribute('data-query') === value.trim(),
  );
}

/** Taps a tag toggle on the guest page and waits until its state flips and the chip list follows. */
export function tapTag(label: string): Promise<number> {
  const w = window as unknown as { __measure: Waiter };
  const button = () => Array.from(document.querySelectorAll<HTMLButtonElement>('button.tag-toggle')).find((b) => b.textContent === label)!;
  const chips = () => document.querySelector('[data-testid="active-tags"]')?.textContent ?? '';
  const before = button().getAttribute('aria-pressed') === 'true';
  return w.__measure(
    () => button().click(),
    () => (button().getAttribute('aria-pressed') === 'true') !== before && chips().includes(label) !== before,
  );
}

/** Taps "Complete sale" and waits for the receipt (shown from the stored order). */
export function completeSale(): Promise<number> {
  const w = window as unknown as { __measure: Waiter };
  // The button reads "Complete sale · $41.33" once the cart is priced.
  const button = Array.from(document.querySelectorAll<HTMLButtonElement>('button')).find((b) => b.textContent?.startsWith('Complete sale'))!;
  return w.__measure(
    () => button.click(),
    () => (document.querySelector('[data-testid="receipt-number"]')?.textContent ?? '').length > 0,
  );
}
