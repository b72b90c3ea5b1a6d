// The Electron main process: wires Electron's real modules into the shell (start-shell.ts).
import { join } from 'node:path';
import { BrowserWindow, app, dialog, ipcMain, protocol, safeStorage, session } from 'electron';
import { type ShellLog, startShell } from './start-shell';

const log: ShellLog = {
  info: (message) => console.log(`[cellardoor] ${message}`),
  warn: (message) => console.warn(`[cellardoor] ${message}`),
  refused: (call, code, detail) => console.warn(`[cellardoor] refused ${call} (${code}): ${detail}`),
  failed: (call, error) => console.error(`[cellardoor] ${call} failed`, error),
};

startShell({
  app,
  protocol,
  session: () => session.defaultSession,
  ipcMain,
  openWindow: (options) => new BrowserWindow(options),
  showSaveDialog: (parent, options) => (parent ? dialog.showSaveDialog(parent, options) : dialog.showSaveDialog(options)),
  safeStorage,
  env: process.env,
  platform: process.platform,
  // desktop/dist/main.cjs and renderer/dist sit side by side in the repository and in the package.
  rendererDir: join(__dirname, '..', '..', 'renderer', 'dist'),
  preloadPath: join(__dirname, 'preload.cjs'),
  log,
}).catch((err: unknown) => {
  dialog.showErrorBox('Cellardoor could not start', err instanceof Error ? err.message : String(err));
  app.exit(1);
});
