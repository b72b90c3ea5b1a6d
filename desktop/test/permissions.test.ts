import { describe, expect, it } from 'vitest';
import { PACKAGED_ORIGIN } from '../src/app-origin';
import { LOCAL_NETWORK_PERMISSIONS, allowOnlyWhatTheAppNeeds } from '../src/security/permissions';
import { FakeSession } from './fakes';

// Every permission Electron 39 can ask its request handler about.
const PERMISSIONS = [
  'clipboard-read',
  'clipboard-sanitized-write',
  'display-capture',
  'fullscreen',
  'geolocation',
  'idle-detection',
  'media',
  'mediaKeySystem',
  'midi',
  'midiSysex',
  'notifications',
  'pointerLock',
  'keyboardLock',
  'openExternal',
  'speaker-selection',
  'storage-access',
  'top-level-storage-access',
  'window-management',
  'unknown',
  'fileSystem',
];
const APP_PAGE = `${PACKAGED_ORIGIN}/index.html`;

function policed() {
  const session = new FakeSession();
  const denied: string[] = [];
  allowOnlyWhatTheAppNeeds(session, PACKAGED_ORIGIN, (p, origin) => denied.push(`${p} ${origin}`));
  const request = (permission: string, requestingUrl: string) => {
    const answers: boolean[] = [];
    session.requestHandler?.({}, permission, (granted) => answers.push(granted), { requestingUrl });
    expect(answers, permission).toHaveLength(1);
    return answers[0];
  };
  return { session, denied, request };
}

describe('permissions', () => {
  it('denies every request, the app’s own included', () => {
    const { denied, request } = policed();
    for (const permission of PERMISSIONS) expect(request(permission, APP_PAGE), permission).toBe(false);
    expect(denied).toEqual(PERMISSIONS.map((p) => `${p} ${APP_PAGE}`));
  });

  it('answers every permission check and device request with no', () => {
    const { session } = policed();
    for (const permission of [...PERMISSIONS, 'hid', 'serial', 'usb']) expect(session.checkHandler?.({}, permission, PACKAGED_ORIGIN), permission).toBe(false);
    expect(session.deviceHandler?.({ deviceType: 'usb', origin: PACKAGED_ORIGIN })).toBe(false);
  });

  it('lets the app’s own page, and nothing else, reach the local network where its sync server is', () => {
    const { session, request } = policed();
    for (const permission of LOCAL_NETWORK_PERMISSIONS) {
      expect(request(permission, APP_PAGE), permission).toBe(true);
      expect(session.checkHandler?.({}, permission, PACKAGED_ORIGIN), permission).toBe(true);
      expect(request(permission, 'https://evil.example.com/'), permission).toBe(false);
      expect(session.checkHandler?.({}, permission, 'https://evil.example.com'), permission).toBe(false);
      expect(session.checkHandler?.({}, permission, ''), permission).toBe(false);
    }
  });
});
