import type { BrowserWindowConstructorOptions } from 'electron';
import type { KioskWindow } from './kiosk';
import type { ReceiptWindow } from './printing/receipt-document';
import { appWebPreferences } from './security/web-preferences';
import type { FocusableWindow } from './single-instance';

/** The parts of a BrowserWindow the shell uses (the app window and the hidden receipt windows). */
export interface ShellWindow extends KioskWindow, FocusableWindow, ReceiptWindow {
  once(event: 'ready-to-show', listener: () => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
  webContents: ReceiptWindow['webContents'] & {
    getPrintersAsync(): Promise<Array<{ name: string; displayName: string; description: string }>>;
  };
}

/** The app window: hidden until painted (no white flash), in kiosk mode if staff chose it. */
export function appWindowOptions(opts: { kiosk: boolean; preloadPath: string; version: string; devTools: boolean }): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 768,
    minHeight: 600,
    show: false,
    kiosk: opts.kiosk,
    autoHideMenuBar: true,
    backgroundColor: '#faf8f7',
    title: 'Cellardoor',
    webPreferences: appWebPreferences(opts),
  };
}
