import { join } from 'node:path';
import { BrowserWindow, app } from 'electron';

/** The window loads the renderer served by the sync server (npm start) or a configured URL. */
const START_URL = process.env.CELLARDOOR_START_URL ?? 'http://127.0.0.1:8787';

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  void win.loadURL(START_URL);
  return win;
}

void app.whenReady().then(createWindow);
app.on('window-all-closed', () => app.quit());
