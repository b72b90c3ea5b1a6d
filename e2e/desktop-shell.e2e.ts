/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { openInDesktopShell, violations } from './desktop-harness';
import { DEMO_EMAIL, DEMO_PASSWORD, shot, signInStaff } from './helpers';
import { ServerProcess } from './server-process';

// The renderer as the desktop shell runs it: served from the app's own origin, under the shell's
// Content Security Policy, keeping its device token through the bridge in the keychain-encrypted
// file, and talking cross-origin to the sync server.
test('the app enrols, sells and syncs under the desktop shell’s policy and bridge', async ({ page }) => {
  const server = await ServerProcess.start();
  const shell = await openInDesktopShell(page);
  try {
    await page.goto(shell.appUrl);
    await expect(page.getByRole('heading', { name: 'Set up this tablet' })).toBeVisible();
    expect(shell.policies.at(-1)).toContain("connect-src 'self' http: https:");
    await page.getByLabel('Sync server address').fill(server.url);
    await page.getByLabel('Manager email').fill(DEMO_EMAIL);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Enrol this tablet' }).click();
    await signInStaff(page, { name: 'Leo', pin: '1111' });

    // The token went to the shell, encrypted, and not to localStorage.
    const onDisk = readFileSync(join(shell.userData, 'device-credentials.bin'));
    const saved = JSON.parse(shell.keychain.decryptString(onDisk)) as { deviceToken: string; serverUrl: string };
    expect(saved.serverUrl).toBe(server.url);
    expect(onDisk.toString('latin1')).not.toContain(saved.deviceToken);
    expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain(saved.deviceToken);

    // Restarted, the page may connect to its own server only, and everything still works.
    await page.reload();
    expect(shell.policies.at(-1)).toContain(`connect-src 'self' ${server.url};`);
    await signInStaff(page, { name: 'Leo', pin: '1111' });
    await expect(page.getByTestId('sync-indicator')).toContainText('Synced', { timeout: 30_000 });
    await page.getByRole('link', { name: /Checkout|Sell/ }).first().click();
    await page.getByRole('button', { name: /Sauvignon Blanc/ }).click();
    await page.getByRole('button', { name: 'Complete sale' }).click();
    await expect(page.getByTestId('receipt-number')).toHaveText(/^T\d+-000001$/);
    await page.getByRole('link', { name: /Sync/ }).first().click();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(page.getByRole('status')).toHaveText('Everything is up to date.', { timeout: 60_000 });
    await shot(page, 'desktop-shell-synced');
    expect(await violations(page)).toEqual([]);

    // The policy is really enforced: no other servers, no injected inline script.
    expect(await page.evaluate(() => fetch('https://example.com/').then(() => 'reached', () => 'blocked'))).toBe('blocked');
    const injected = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true';
      document.head.append(script);
      await new Promise((r) => setTimeout(r, 50));
      return (window as unknown as { __injected?: boolean }).__injected === true ? 'ran' : 'blocked';
    });
    expect(injected).toBe('blocked');
    expect(await violations(page)).toEqual([expect.stringMatching(/^connect-src https:\/\/example\.com\/ /), expect.stringMatching(/^script-src-elem inline /)]);
  } finally {
    shell.dispose();
    await server.dispose();
  }
});

test('a computer without a keychain says so before a manager signs in', async ({ page }) => {
  const shell = await openInDesktopShell(page);
  shell.keychain.available = false;
  try {
    await page.goto(shell.appUrl);
    await expect(page.getByRole('alert')).toContainText('no secure storage for the device key');
    await expect(page.getByRole('button', { name: 'Enrol this tablet' })).toBeDisabled();
    await shot(page, 'desktop-shell-no-keychain');
  } finally {
    shell.dispose();
  }
});
