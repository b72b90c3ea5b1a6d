import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DeviceCredentials } from '@cellardoor/shared/bridge';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { credentialsStore } from '../src/credentials-store';
import { ShellError } from '../src/shell-error';
import { FakeSafeStorage, temporaryFolder } from './fakes';

const device: DeviceCredentials = {
  serverUrl: 'https://sync.example.com:8443',
  tenantId: '0196f5c4-1111-7000-8000-000000000001',
  deviceId: '0196f5c4-2222-7000-8000-000000000002',
  deviceToken: 'cd_dev_4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c',
  deviceNumber: 2,
  deviceName: 'Tasting room tablet',
  venueId: null,
  role: 'MANAGER',
  enrolledAt: '2025-05-01T10:00:00.000Z',
};

let folder: Awaited<ReturnType<typeof temporaryFolder>>;
let path: string;
let safeStorage: FakeSafeStorage;
beforeEach(async () => {
  folder = await temporaryFolder();
  path = join(folder.path, 'device-credentials.bin');
  safeStorage = new FakeSafeStorage();
});
afterEach(() => folder.remove());

async function refusal(promise: Promise<unknown>): Promise<ShellError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ShellError);
  return error as ShellError;
}

describe('device credentials', () => {
  it('round-trip through the keychain and survive a restart', async () => {
    await credentialsStore(safeStorage, path, 'win32').save(device);
    const restarted = credentialsStore(safeStorage, path, 'win32');
    expect(restarted.enrolledServerOrigin()).toBeNull();
    expect(await restarted.load()).toEqual(device);
    expect(restarted.enrolledServerOrigin()).toBe('https://sync.example.com:8443');
  });

  it('are never on disk in plain text', async () => {
    await credentialsStore(safeStorage, path, 'darwin').save(device);
    const onDisk = await readFile(path);
    expect(onDisk.toString('latin1')).not.toContain(device.deviceToken);
    expect(onDisk.toString('latin1')).not.toContain(device.tenantId);
    expect(safeStorage.decryptString(onDisk)).toContain(device.deviceToken);
  });

  it('are refused, with the reason, where the computer has no keychain, and nothing is written', async () => {
    safeStorage.available = false;
    const store = credentialsStore(safeStorage, path, 'win32');
    expect(store.storage()).toEqual({ available: false, reason: expect.stringContaining('no secure storage') });
    const error = await refusal(store.save(device));
    expect(error.code).toBe('ENCRYPTION_UNAVAILABLE');
    expect(await readdir(folder.path)).toEqual([]);
  });

  it('are refused on Linux when only the fixed "basic_text" key is there', async () => {
    safeStorage.backend = 'basic_text';
    const store = credentialsStore(safeStorage, path, 'linux');
    expect(store.storage()).toEqual({ available: false, reason: expect.stringContaining('No keyring') });
    expect((await refusal(store.save(device))).code).toBe('ENCRYPTION_UNAVAILABLE');
    expect(await readdir(folder.path)).toEqual([]);
    safeStorage.backend = 'kwallet6';
    expect(store.storage()).toEqual({ available: true });
  });

  it('ask about the Linux backend only on Linux', async () => {
    safeStorage.backend = 'basic_text';
    expect(credentialsStore(safeStorage, path, 'darwin').storage()).toEqual({ available: true });
  });

  it('load as nothing on a tablet never enrolled, and are gone after clearing', async () => {
    const store = credentialsStore(safeStorage, path, 'linux');
    expect(await store.load()).toBeNull();
    await store.save(device);
    expect(store.enrolledServerOrigin()).toBe('https://sync.example.com:8443');
    await store.clear();
    expect(store.enrolledServerOrigin()).toBeNull();
    expect(await credentialsStore(safeStorage, path, 'linux').load()).toBeNull();
    await store.clear();
  });

  it('that the keychain can no longer decrypt are reported, not silently dropped, and kept', async () => {
    await credentialsStore(safeStorage, path, 'win32').save(device);
    safeStorage.forgetKey();
    const error = await refusal(credentialsStore(safeStorage, path, 'win32').load());
    expect(error.code).toBe('CREDENTIALS_UNREADABLE');
    expect(error.message).toMatch(/could not be read.*Nothing has been deleted/);
    expect(await readdir(folder.path)).toEqual(['device-credentials.bin']);
  });

  it('that decrypt to something else are reported as damaged', async () => {
    await writeFile(path, safeStorage.encryptString(JSON.stringify({ ...device, deviceToken: 'short' })));
    expect((await refusal(credentialsStore(safeStorage, path, 'win32').load())).message).toMatch(/damaged/);
    await writeFile(path, safeStorage.encryptString('not json'));
    expect((await refusal(credentialsStore(safeStorage, path, 'win32').load())).message).toMatch(/damaged/);
  });

  it('are not loaded while the keychain is unavailable', async () => {
    await credentialsStore(safeStorage, path, 'win32').save(device);
    safeStorage.available = false;
    expect((await refusal(credentialsStore(safeStorage, path, 'win32').load())).code).toBe('CREDENTIALS_UNREADABLE');
  });
});
