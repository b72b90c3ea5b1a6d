export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  on(event: 'second-instance', listener: () => void): unknown;
}

/**
 * One Cellardoor per computer: two windows on one device database would fight over the same
 * IndexedDB and the same receipt counter. A second launch hands over to the first, which comes
 * to the front. Returns false when this process is the second one and is quitting.
 */
export function claimSingleInstance(app: SingleInstanceApp, bringToFront: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', bringToFront);
  return true;
}

export interface FocusableWindow {
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

export function bringToFront(window: FocusableWindow | null): void {
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
