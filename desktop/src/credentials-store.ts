import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type CredentialStorage, type DeviceCredentials, deviceCredentialsSchema } from '@cellardoor/shared/bridge';
import { originOf } from './app-origin';
import { ShellError } from './shell-error';

/** The part of Electron's `safeStorage` the store uses. */
export interface KeyStorage {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: which password store backs the key. */
  getSelectedStorageBackend?(): string;
}

export interface CredentialsStore {
  storage(): CredentialStorage;
  load(): Promise<DeviceCredentials | null>;
  save(credentials: DeviceCredentials): Promise<void>;
  clear(): Promise<void>;
  /** The origin of the sync server this device is enrolled with, once loaded or saved. */
  enrolledServerOrigin(): string | null;
}

const NO_KEYCHAIN =
  'This computer offers no secure storage for the device key, so the tablet cannot be enrolled here. ' +
  'Sign in to the computer with a user account that has a keychain, then start Cellardoor again.';
const LINUX_PLAIN_KEY =
  'No keyring (GNOME Keyring or KWallet) is running on this computer, so the device key could only be ' +
  'stored under a fixed, publicly known key. Start a keyring for this user, then start Cellardoor again.';

/**
 * The device token is the key to the venue's data, so it is only ever written encrypted by the
 * operating system's keychain (DPAPI, Keychain, libsecret/KWallet via `safeStorage`). Where
 * there is none, saving is refused with the reason instead of falling back to plain text.
 */
export function credentialsStore(safeStorage: KeyStorage, path: string, platform: NodeJS.Platform): CredentialsStore {
  let current: DeviceCredentials | null = null;

  const storage = (): CredentialStorage => {
    if (!safeStorage.isEncryptionAvailable()) return { available: false, reason: NO_KEYCHAIN };
    // Electron's "basic_text" backend encrypts with a key hard-coded in Chromium: plain text in all but name.
    if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') return { available: false, reason: LINUX_PLAIN_KEY };
    return { available: true };
  };

  const load = async (): Promise<DeviceCredentials | null> => {
    let encrypted: Buffer;
    try {
      encrypted = await readFile(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        current = null;
        return null;
      }
      throw err;
    }
    const unreadable = (why: string) =>
      new ShellError(
        'CREDENTIALS_UNREADABLE',
        `This tablet's device key could not be read (${why}). Nothing has been deleted; a manager can revoke this device and enrol the tablet again.`,
      );
    if (!safeStorage.isEncryptionAvailable()) throw unreadable('the system keychain is not available');
    let decrypted: string;
    try {
      decrypted = safeStorage.decryptString(encrypted);
    } catch {
      throw unreadable('the system keychain could not decrypt it');
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(decrypted);
    } catch {
      throw unreadable('it is damaged');
    }
    const result = deviceCredentialsSchema.safeParse(parsed);
    if (!result.success) throw unreadable('it is damaged');
    current = result.data;
    return current;
  };

  const save = async (credentials: DeviceCredentials): Promise<void> => {
    const status = storage();
    if (!status.available) throw new ShellError('ENCRYPTION_UNAVAILABLE', status.reason);
    const encrypted = safeStorage.encryptString(JSON.stringify(deviceCredentialsSchema.parse(credentials)));
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, encrypted, { mode: 0o600 });
    await rename(temporary, path);
    current = credentials;
  };

  const clear = async (): Promise<void> => {
    await rm(path, { force: true });
    current = null;
  };

  return { storage, load, save, clear, enrolledServerOrigin: () => (current ? originOf(current.serverUrl) : null) };
}
