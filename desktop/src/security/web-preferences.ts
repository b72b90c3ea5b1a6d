import type { WebPreferences } from 'electron';

/** Passed to the preload through process.argv, the one channel a sandboxed preload can read synchronously. */
export const VERSION_ARGUMENT = '--cellardoor-version=';

/**
 * The app window: the renderer runs sandboxed, in its own JavaScript world, with no Node, and
 * sees only what the preload exposes. Spellcheck is off (guest names are not dictionary words,
 * and the dictionary would be downloaded from Google).
 */
export function appWebPreferences(opts: { preloadPath: string; version: string; devTools: boolean }): WebPreferences {
  return {
    preload: opts.preloadPath,
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
    safeDialogs: true,
    spellcheck: false,
    devTools: opts.devTools,
    additionalArguments: [`${VERSION_ARGUMENT}${opts.version}`],
  };
}

/** Hidden windows that render a receipt for printing or PDF: no preload, no script at all. */
export function receiptWebPreferences(): WebPreferences {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    javascript: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools: false,
  };
}
