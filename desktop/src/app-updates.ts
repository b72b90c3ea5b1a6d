/**
 * Where app updates plug in. Nothing checks for updates yet: electron-updater is not a
 * dependency, and an update channel needs a publish target (a release server or bucket) that
 * this project does not run. To add one, implement this with electron-updater's `autoUpdater`
 * (checkForUpdatesAndNotify, installing on quit so a sale is never interrupted), add `publish` to
 * build/electron-builder.yml, and pass it to `startShell`.
 */
export interface AppUpdates {
  /** Called once the window is showing, only in a packaged app; must never throw. */
  checkInBackground(): void;
}

export const noAppUpdates: AppUpdates = { checkInBackground: () => {} };
