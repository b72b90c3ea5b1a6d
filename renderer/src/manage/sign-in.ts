import { type ConsoleSession, useConsoleSession } from './console-session';
import { ConsoleError, readError } from './console-api';

/** Signs a manager or owner in for the console; a staff login is refused and signed out again. */
export async function signInToConsole(serverUrl: string, email: string, password: string): Promise<ConsoleSession> {
  let res: Response;
  try {
    res = await fetch(`${serverUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: email.trim(), password }),
    });
  } catch {
    throw new ConsoleError(0, 'OFFLINE', `Cannot reach the server at ${serverUrl}. The manager console needs the network.`);
  }
  if (!res.ok) throw await readError(res);
  const body = (await res.json()) as { token: string; expiresAt: string; user: ConsoleSession['user'] };
  const session: ConsoleSession = { serverUrl, token: body.token, expiresAt: body.expiresAt, user: body.user };
  if (body.user.role === 'STAFF') {
    // The server would refuse every console call anyway; say so now and drop the session.
    void fetch(`${serverUrl}/api/v1/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${body.token}` } }).catch(() => undefined);
    throw new ConsoleError(403, 'FORBIDDEN', 'That login belongs to a staff member. The manager console needs a manager or owner login.');
  }
  useConsoleSession.getState().start(session);
  return session;
}
