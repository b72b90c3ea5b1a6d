import { originOf } from '../app-origin';

/** What a navigation listener receives: the target and the means to stop it. */
export interface NavigationEvent {
  url: string;
  preventDefault(): void;
}

export interface GuardedContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/**
 * Keeps a page inside the app: navigations and redirects leave only for the app's own origin,
 * new windows are never opened (links to the web are not opened in a browser either: a till has
 * no business launching one, and handing page-chosen URLs to the OS is a classic escape), and
 * <webview> elements are refused.
 */
export function guardNavigation(contents: GuardedContents, appOrigin: string, onBlocked: (what: string, url: string) => void = () => {}): void {
  const stayInApp = (what: string) => (event: NavigationEvent) => {
    if (originOf(event.url) === appOrigin) return;
    event.preventDefault();
    onBlocked(what, event.url);
  };
  contents.on('will-navigate', stayInApp('navigation'));
  contents.on('will-redirect', stayInApp('redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    onBlocked('webview', '');
  });
  contents.setWindowOpenHandler(({ url }) => {
    onBlocked('new window', url);
    return { action: 'deny' };
  });
}
