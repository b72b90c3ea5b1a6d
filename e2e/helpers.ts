import { type Page, expect } from '@playwright/test';

export const DEMO_EMAIL = 'demo@cellardoor.local';
export const DEMO_PASSWORD = 'cellardoor-demo';

/** Enrols the browser as a tablet through the UI and signs a staff member in with their PIN. */
export async function enrolAndSignIn(page: Page, serverUrl: string, staff = { name: 'Leo', pin: '1111' }): Promise<void> {
  await page.goto(serverUrl);
  await expect(page.getByRole('heading', { name: 'Set up this tablet' })).toBeVisible();
  await page.getByLabel('Sync server address').fill(serverUrl);
  await page.getByLabel('Manager email').fill(DEMO_EMAIL);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Enrol this tablet' }).click();
  await signInStaff(page, staff);
}

export async function signInStaff(page: Page, staff: { name: string; pin: string }): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Who is working?' })).toBeVisible();
  await page.getByRole('listitem').filter({ hasText: staff.name }).click();
  await page.getByLabel(`PIN for ${staff.name}`).fill(staff.pin);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByLabel('Signed in staff member')).toContainText(staff.name);
}

export async function managerToken(serverUrl: string): Promise<string> {
  const res = await fetch(`${serverUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: DEMO_EMAIL, password: DEMO_PASSWORD }),
  });
  const body = (await res.json()) as { token: string };
  return body.token;
}

export async function api<T>(serverUrl: string, token: string, path: string): Promise<T> {
  const res = await fetch(serverUrl + path, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Every document of a collection on the server, through the sync protocol with a fresh device. */
export async function pullEverything(serverUrl: string, collection: string): Promise<Array<Record<string, unknown>>> {
  const token = await managerToken(serverUrl);
  const dev = await fetch(`${serverUrl}/api/v1/devices`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ name: 'e2e inspector' }),
  });
  const { deviceToken } = (await dev.json()) as { deviceToken: string };
  const out: Array<Record<string, unknown>> = [];
  let checkpoint: string | null = null;
  for (;;) {
    const q: string = `/sync/v1/${collection}/pull?limit=1000${checkpoint ? `&checkpoint=${checkpoint}` : ''}`;
    const page = await api<{ documents: Array<Record<string, unknown>>; checkpoint: string | null }>(serverUrl, deviceToken, q);
    out.push(...page.documents);
    checkpoint = page.checkpoint;
    if (page.documents.length < 1000) return out;
  }
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `e2e/artifacts/screens/${name}.png`, fullPage: true });
}

/** The top bar keeps one row (every row it takes is a row of products lost): its first link and the Lock button sit side by side. */
export async function expectTopBarOneRow(page: Page, where: string): Promise<void> {
  const first = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').first().boundingBox();
  const lock = await page.getByRole('button', { name: 'Lock', exact: true }).boundingBox();
  expect(first, `main navigation at ${where}`).not.toBeNull();
  expect(lock, `Lock button at ${where}`).not.toBeNull();
  const middle = (b: { y: number; height: number }) => b.y + b.height / 2;
  expect(Math.abs(middle(first!) - middle(lock!)), `top bar on one row at ${where}`).toBeLessThan(4);
}
