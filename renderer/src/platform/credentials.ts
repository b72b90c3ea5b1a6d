import type { DeviceCredentials } from '@cellardoor/shared';

const KEY = 'cellardoor.device';

/**
 * Where the device token lives: the desktop shell's OS keychain when there is one, else the
 * browser's localStorage (the renderer's strict CSP is what guards it there).
 */
export async function loadCredentials(): Promise<DeviceCredentials | null> {
  if (window.cellardoor) return window.cellardoor.credentials.load();
  const raw = localStorage.getItem(KEY);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as DeviceCredentials;
  } catch {
    return null;
  }
}

export async function saveCredentials(c: DeviceCredentials): Promise<void> {
  if (window.cellardoor) return window.cellardoor.credentials.save(c);
  localStorage.setItem(KEY, JSON.stringify(c));
}

export async function clearCredentials(): Promise<void> {
  if (window.cellardoor) return window.cellardoor.credentials.clear();
  localStorage.removeItem(KEY);
}

/**
 * Why this computer cannot keep a device token, or null when it can. The desktop shell refuses
 * to store a token without the OS keychain; the browser keeps it in localStorage.
 */
export async function credentialStorageProblem(): Promise<string | null> {
  if (!window.cellardoor) return null;
  const storage = await window.cellardoor.credentials.storage();
  return storage.available ? null : storage.reason;
}
