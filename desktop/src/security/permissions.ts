import { originOf } from '../app-origin';

/**
 * The one permission the app needs: reaching the venue's sync server on the local network.
 * Chromium is rolling out Local Network Access, under which a page that is not itself on the
 * local network (as app:// is not) must be granted it; Electron 39 does not ask yet, later
 * versions do, under these names.
 */
export const LOCAL_NETWORK_PERMISSIONS: readonly string[] = ['local-network-access', 'local-network', 'loopback-network'];

export interface PermissionSession {
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl?: string }) => void,
  ): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string, requestingOrigin: string) => boolean): void;
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void;
}

/**
 * Nothing else the renderer does needs a browser permission (no camera, location,
 * notifications, MIDI, USB, clipboard reading, …), so every other request and check is answered
 * "no", and local network access is granted to the app's own pages only.
 */
export function allowOnlyWhatTheAppNeeds(session: PermissionSession, appOrigin: string, onDenied: (permission: string, origin: string) => void = () => {}): void {
  const allowed = (permission: string, url: string | undefined) => LOCAL_NETWORK_PERMISSIONS.includes(permission) && originOf(url ?? '') === appOrigin;
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const granted = allowed(permission, details?.requestingUrl);
    if (!granted) onDenied(permission, details?.requestingUrl ?? 'unknown');
    callback(granted);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => allowed(permission, requestingOrigin));
  session.setDevicePermissionHandler(() => false);
}
