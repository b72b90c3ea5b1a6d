import type { DeviceCredentials } from '@cellardoor/shared';

export class EnrolError extends Error {}

async function readError(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: { message?: string } };
    return body.error?.message ?? `The server answered ${res.status}.`;
  } catch {
    return `The server answered ${res.status}.`;
  }
}

/** Signs the manager in and enrols this device; the manager's session is not kept. */
export async function enrolDevice(input: {
  serverUrl: string;
  email: string;
  password: string;
  deviceName: string;
  /** STAFF: a counter tablet; MANAGER: managers may change the catalogue from it. */
  role: 'STAFF' | 'MANAGER';
}): Promise<DeviceCredentials> {
  const serverUrl = input.serverUrl.trim().replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/]+/.test(serverUrl)) throw new EnrolError('The server address should look like http://192.168.1.20:8787.');
  let login: Response;
  try {
    login = await fetch(`${serverUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: input.email.trim(), password: input.password }),
    });
  } catch {
    throw new EnrolError(`Cannot reach ${serverUrl}. Check the address and that this tablet is on the venue's network.`);
  }
  if (!login.ok) throw new EnrolError(await readError(login));
  const { token, user } = (await login.json()) as { token: string; user: { role: string } };
  if (user.role === 'STAFF') throw new EnrolError('Enrolling a device needs a manager or owner login.');
  const res = await fetch(`${serverUrl}/api/v1/devices`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ name: input.deviceName.trim(), role: input.role }),
  });
  if (!res.ok) throw new EnrolError(await readError(res));
  const d = (await res.json()) as { deviceId: string; deviceToken: string; deviceNumber: number; tenantId: string; venueId: string | null; role: 'STAFF' | 'MANAGER' };
  // The manager's session was only needed to enrol; sign it out again.
  await fetch(`${serverUrl}/api/v1/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } }).catch(() => undefined);
  return {
    serverUrl,
    tenantId: d.tenantId,
    deviceId: d.deviceId,
    deviceToken: d.deviceToken,
    deviceNumber: d.deviceNumber,
    deviceName: input.deviceName.trim(),
    venueId: d.venueId,
    role: d.role,
    enrolledAt: new Date().toISOString(),
  };
}
