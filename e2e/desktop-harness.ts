/// <reference lib="dom" />
// The desktop shell's own code around the real renderer in Chromium, for what can be checked
// without Electron's binary: the renderer's files served by the shell's app:// handler (on a
// stand-in http://localhost origin), the shell's Content Security Policy on every page, and the
// preload's bridge wired to the shell's real IPC handlers (sender check, validation, the
// safeStorage-encrypted credentials file) through a Playwright binding in place of ipcRenderer.
import { join } from 'node:path';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { build } from 'esbuild';
import { credentialsStore, type KeyStorage } from '../desktop/src/credentials-store';
import { bridgeHandlers } from '../desktop/src/ipc/bridge-handlers';
import { type InvokeEvent, registerBridgeHandlers } from '../desktop/src/ipc/register-bridge-handlers';
import { contentSecurityPolicy } from '../desktop/src/security/content-security-policy';
import { serveRenderer } from '../desktop/src/serve-renderer';
import { settingsFile } from '../desktop/src/settings-file';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');

/** An OS keychain: AES-GCM under a key only it holds. */
export class TestKeychain implements KeyStorage {
  available = true;
  private readonly key = randomBytes(32);
  isEncryptionAvailable = () => this.available;
  encryptString = (plainText: string) => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  };
  decryptString = (encrypted: Buffer) => {
    const decipher = createDecipheriv('aes-256-gcm', this.key, encrypted.subarray(0, 12));
    decipher.setAuthTag(encrypted.subarray(12, 28));
    return Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString('utf8');
  };
}

async function bridgeScript(): Promise<string> {
  const result = await build({
    stdin: {
      contents: `import { createBridge } from './src/bridge/create-bridge';
        window.cellardoor = createBridge({ invoke: (channel, ...args) => window.__cellardoorIpc(channel, args) }, 'e2e');`,
      resolveDir: join(root, 'desktop'),
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

export interface DesktopHarness {
  /** Where the app is "installed" (stands in for app://cellardoor). */
  appUrl: string;
  userData: string;
  keychain: TestKeychain;
  /** The policy each page load received, in order. */
  policies: string[];
  dispose(): void;
}

export async function openInDesktopShell(page: Page, keychain = new TestKeychain()): Promise<DesktopHarness> {
  const appOrigin = 'http://localhost:5999';
  const userData = mkdtempSync(join(tmpdir(), 'cellardoor-shell-'));
  const credentials = credentialsStore(keychain, join(userData, 'device-credentials.bin'), 'darwin');
  await credentials.load();
  const policies: string[] = [];
  const currentPolicy = () => {
    const server = credentials.enrolledServerOrigin();
    return contentSecurityPolicy(server ? { kind: 'enrolled', origins: [server] } : { kind: 'enrolling' });
  };

  const serve = serveRenderer(join(root, 'renderer', 'dist'), currentPolicy);
  await page.route(`${appOrigin}/**`, async (route) => {
    const url = new URL(route.request().url());
    const res = await serve(new Request(`app://cellardoor${url.pathname}`, { method: route.request().method() }));
    const headers: Record<string, string> = {};
    res.headers.forEach((value, name) => (headers[name] = value));
    if (headers['content-type']?.startsWith('text/html')) policies.push(headers['content-security-policy'] ?? '');
    await route.fulfill({ status: res.status, headers, body: Buffer.from(await res.arrayBuffer()) });
  });

  const handlers = new Map<string, (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>>();
  registerBridgeHandlers(
    { handle: (channel, listener) => handlers.set(channel, listener) },
    bridgeHandlers({
      credentials,
      settings: settingsFile(join(userData, 'settings.json')),
      window: () => null,
      openReceiptWindow: () => {
        throw new Error('receipt windows need Electron');
      },
      files: { dialog: { showSaveDialog: async () => ({ canceled: true }) }, documentsDir: userData },
      listPrinters: async () => [],
    }),
    appOrigin,
    { refused: (call, code, detail) => console.warn(`refused ${call} ${code} ${detail}`), failed: (call, err) => console.error(call, err) },
  );
  await page.exposeBinding('__cellardoorIpc', async (source, channel: string, args: unknown[]) => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler({ senderFrame: { url: source.frame.url(), parent: source.frame.parentFrame() } }, ...args);
  });
  await page.addInitScript({ content: await bridgeScript() });
  // What the shell's permission policy grants the app's own pages (security/permissions.ts).
  await page.context().grantPermissions(['local-network-access'], { origin: appOrigin });
  // Every Content Security Policy violation the page reports is kept for the test to read.
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`));
  });

  return { appUrl: `${appOrigin}/index.html`, userData, keychain, policies, dispose: () => rmSync(userData, { recursive: true, force: true }) };
}

/**
 * The policy violations the page reported, as "directive blocked-URI source". zod 4 checks once
 * whether eval is allowed (and uses its eval-free path when it is not); that probe is expected
 * under this policy and left out.
 */
export async function violations(page: Page): Promise<string[]> {
  const all = await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
  return all.filter((v) => !/^script-src eval \S+\/assets\/index-[^/]+\.js:/.test(v));
}
