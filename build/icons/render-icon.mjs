#!/usr/bin/env node
// Renders icon.svg to the 512 px PNG electron-builder takes for every platform (it makes the .ico,
// .icns and Linux sizes from it), in the Chromium the end-to-end tests use:
// `node build/icons/render-icon.mjs`.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const svg = readFileSync(join(here, 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 512, height: 512 } });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.screenshot({ path: join(here, 'icon.png'), omitBackground: true });
} finally {
  await browser.close();
}
