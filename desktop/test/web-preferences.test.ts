import { describe, expect, it } from 'vitest';
import { appWindowOptions } from '../src/app-window';
import { RECEIPT_WINDOW_OPTIONS } from '../src/printing/receipt-document';
import { VERSION_ARGUMENT, appWebPreferences, receiptWebPreferences } from '../src/security/web-preferences';

const app = appWebPreferences({ preloadPath: '/app/desktop/dist/preload.cjs', version: '1.2.3', devTools: false });

describe('the app window', () => {
  it('runs the renderer isolated, sandboxed and without Node', () => {
    expect(app).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    });
  });

  it('enables no Blink feature and loads only our preload', () => {
    expect(app.enableBlinkFeatures).toBeUndefined();
    expect(app.preload).toBe('/app/desktop/dist/preload.cjs');
  });

  it('passes the version to the preload and nothing else', () => {
    expect(app.additionalArguments).toEqual([`${VERSION_ARGUMENT}1.2.3`]);
  });

  it('offers developer tools only outside a packaged app', () => {
    expect(appWebPreferences({ preloadPath: 'p', version: 'v', devTools: true }).devTools).toBe(true);
    expect(app.devTools).toBe(false);
  });

  it('starts hidden and in kiosk mode when staff chose it', () => {
    const options = appWindowOptions({ kiosk: true, preloadPath: 'p', version: 'v', devTools: false });
    expect(options.show).toBe(false);
    expect(options.kiosk).toBe(true);
    expect(appWindowOptions({ kiosk: false, preloadPath: 'p', version: 'v', devTools: false }).kiosk).toBe(false);
    expect(options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
  });
});

describe('receipt windows', () => {
  it('are hidden, run no script and have no preload', () => {
    expect(RECEIPT_WINDOW_OPTIONS.show).toBe(false);
    expect(RECEIPT_WINDOW_OPTIONS.webPreferences).toEqual(receiptWebPreferences());
    expect(receiptWebPreferences()).toMatchObject({
      javascript: false,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      devTools: false,
    });
    expect(receiptWebPreferences().preload).toBeUndefined();
  });
});
