#!/usr/bin/env node
// Checks the installer configuration as far as it can be without Electron's binary (which cannot
// be downloaded everywhere): the configuration against electron-builder's schema, the files it
// packs exist, and a real electron-builder run packing an unpacked Linux app around a stand-in
// Electron that carries only Electron's fuse wire, whose result is then inspected: the app.asar
// holds exactly the app, package.json points at the main bundle, and the fuses are flipped.
// Run after `npm run build && npm run build -w desktop` (`npm run dist:check` does all three).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
const { DebugLogger } = require('builder-util');
const asar = require('@electron/asar');

const CONFIG = 'build/electron-builder.yml';
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron 39's fuse wire as shipped, in @electron/fuses order (RunAsNode, EnableCookieEncryption,
// EnableNodeOptionsEnvironmentVariable, EnableNodeCliInspectArguments,
// EnableEmbeddedAsarIntegrityValidation, OnlyLoadAppFromAsar, LoadBrowserProcessSpecificV8Snapshot,
// GrantFileProtocolExtraPrivileges); '1' on, '0' off.
const SHIPPED_WIRE = '10110001';
const EXPECTED_WIRE = '01001100';
const EXPECTED_ASAR = [
  '/desktop/dist/main.cjs',
  '/desktop/dist/preload.cjs',
  '/package.json',
  '/renderer/dist/index.html',
];

const failures = [];
const check = (ok, message) => {
  console.log(`${ok ? '✔' : '✘'} ${message}`);
  if (!ok) failures.push(message);
};

const config = await getConfig(root, CONFIG, null);
await validateConfiguration(config, new DebugLogger(false));
check(true, `${CONFIG} matches electron-builder's schema`);

const main = config.extraMetadata?.main;
for (const file of new Set(['desktop/dist/main.cjs', 'desktop/dist/preload.cjs', 'renderer/dist/index.html', config.win.icon, config.mac.icon, config.linux.icon])) {
  check(existsSync(join(root, file)), `${file} exists`);
}
check(main === 'desktop/dist/main.cjs', `the packaged app starts desktop/dist/main.cjs (extraMetadata.main is ${main})`);
if (failures.length) {
  console.error('\nBuild first: npm run build && npm run build -w desktop');
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'cellardoor-package-'));
try {
  const electronDist = join(work, 'electron');
  mkdirSync(electronDist);
  const wire = Buffer.from(SHIPPED_WIRE, 'latin1');
  writeFileSync(join(electronDist, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\n'), Buffer.from(SENTINEL), Buffer.from([1, wire.length]), wire]), { mode: 0o755 });
  writeFileSync(join(electronDist, 'version'), `v${config.electronVersion}`);
  const out = join(work, 'out');
  execFileSync(
    process.execPath,
    [require.resolve('electron-builder/cli.js'), '--linux', 'dir', '--config', CONFIG, `-c.electronDist=${electronDist}`, `-c.directories.output=${out}`],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const appDir = join(out, 'linux-unpacked');
  const archive = join(appDir, 'resources', 'app.asar');
  check(existsSync(archive), 'electron-builder packed resources/app.asar');
  const files = asar.listPackage(archive).filter((f) => /\.[a-z0-9]+$/i.test(f));
  for (const f of EXPECTED_ASAR) check(files.includes(f), `app.asar holds ${f}`);
  check(files.some((f) => /^\/renderer\/dist\/assets\/index-.*\.js$/.test(f)), 'app.asar holds the renderer bundle');
  check(!files.some((f) => f.includes('node_modules')), 'app.asar holds no node_modules');
  check(!files.some((f) => f.endsWith('.map')), 'app.asar holds no source maps');
  check(files.every((f) => f === '/package.json' || f.startsWith('/desktop/dist/') || f.startsWith('/renderer/dist/')), 'app.asar holds nothing else');
  const pkg = JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8'));
  check(pkg.main === 'desktop/dist/main.cjs', `the packaged package.json's main is ${pkg.main}`);
  const binary = readFileSync(join(appDir, config.executableName ?? 'cellardoor'));
  const at = binary.indexOf(SENTINEL) + SENTINEL.length;
  const flipped = binary.subarray(at + 2, at + 2 + binary[at + 1]).toString('latin1');
  check(flipped === EXPECTED_WIRE, `fuses flipped to ${flipped} (expected ${EXPECTED_WIRE})`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (failures.length) process.exit(1);
console.log('\nThe installer configuration packs the app as intended. Installers themselves need Electron’s binary: npm run dist.');
