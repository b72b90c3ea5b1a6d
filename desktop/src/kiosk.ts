import type { SettingsFile } from './settings-file';

export interface KioskWindow {
  setKiosk(flag: boolean): void;
  isKiosk(): boolean;
}

/**
 * Kiosk mode: full screen with no window frame or menu, for a tablet on a stand. It is kept in
 * the shell's settings so the tablet comes back the same way after a restart; the window is
 * switched first so a failing disk cannot leave the screen out of step with what staff chose.
 */
export async function setKiosk(window: KioskWindow | null, settings: SettingsFile, on: boolean): Promise<void> {
  window?.setKiosk(on);
  await settings.update({ kiosk: on });
}

export async function isKiosk(window: KioskWindow | null, settings: SettingsFile): Promise<boolean> {
  return window ? window.isKiosk() : (await settings.read()).kiosk;
}
