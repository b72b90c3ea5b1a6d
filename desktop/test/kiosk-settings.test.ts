import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isKiosk, setKiosk } from '../src/kiosk';
import { DEFAULT_SETTINGS, settingsFile } from '../src/settings-file';
import { FakeWindow, temporaryFolder } from './fakes';

let folder: Awaited<ReturnType<typeof temporaryFolder>>;
let path: string;
beforeEach(async () => {
  folder = await temporaryFolder();
  path = join(folder.path, 'userData', 'settings.json');
});
afterEach(() => folder.remove());

describe('kiosk mode', () => {
  it('switches the window and survives a restart', async () => {
    const window = new FakeWindow({});
    await setKiosk(window, settingsFile(path), true);
    expect(window.calls).toEqual(['setKiosk(true)']);
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ kiosk: true });
    // A restart reads the file afresh.
    expect(await isKiosk(null, settingsFile(path))).toBe(true);
    await setKiosk(window, settingsFile(path), false);
    expect(await isKiosk(null, settingsFile(path))).toBe(false);
  });

  it('reports what the window shows once there is one', async () => {
    const window = new FakeWindow({ kiosk: true });
    expect(await isKiosk(window, settingsFile(path))).toBe(true);
  });
});

describe('the settings file', () => {
  it('starts with the defaults', async () => {
    expect(await settingsFile(path).read()).toEqual({ kiosk: false, receiptPrinter: { deviceName: null, silent: false } });
  });

  it('falls back to the defaults on a damaged file, says so, and repairs it on the next change', async () => {
    await settingsFile(path).update({ kiosk: true });
    await writeFile(path, '{"kiosk": "yes please"');
    const damaged: string[] = [];
    const settings = settingsFile(path, (reason) => damaged.push(reason));
    expect(await settings.read()).toEqual(DEFAULT_SETTINGS);
    expect(damaged).toHaveLength(1);
    await settings.update({ receiptPrinter: { deviceName: 'EPSON_TM_T20', silent: true } });
    expect(await settingsFile(path).read()).toEqual({ kiosk: false, receiptPrinter: { deviceName: 'EPSON_TM_T20', silent: true } });
  });

  it('applies quick successive changes in order without losing one', async () => {
    const settings = settingsFile(path);
    await Promise.all([
      settings.update({ kiosk: true }),
      settings.update({ receiptPrinter: { deviceName: null, silent: true } }),
      settings.update({ kiosk: false }),
    ]);
    expect(await settingsFile(path).read()).toEqual({ kiosk: false, receiptPrinter: { deviceName: null, silent: true } });
  });
});
