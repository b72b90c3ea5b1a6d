import { describe, expect, it } from 'vitest';
import { bringToFront, claimSingleInstance } from '../src/single-instance';
import { FakeApp, FakeWindow } from './fakes';

describe('one Cellardoor per computer', () => {
  it('a second launch quits without listening for anything', () => {
    const app = new FakeApp('/u', '/d');
    app.lockAvailable = false;
    expect(claimSingleInstance(app, () => {})).toBe(false);
    expect(app.calls).toEqual(['requestSingleInstanceLock', 'quit']);
  });

  it('the first instance brings its window to the front when another launch is attempted', () => {
    const app = new FakeApp('/u', '/d');
    const window = new FakeWindow({});
    window.minimized = true;
    expect(claimSingleInstance(app, () => bringToFront(window))).toBe(true);
    expect(app.calls).not.toContain('quit');
    app.emit('second-instance');
    expect(window.calls).toEqual(['restore', 'show', 'focus']);
  });

  it('a second launch before the window exists changes nothing', () => {
    expect(() => bringToFront(null)).not.toThrow();
  });
});
