// Bundles the Electron main and preload scripts into dist/ (see bundle-options.mjs).
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { bundleOptions, entries } from './bundle-options.mjs';

const absWorkingDir = fileURLToPath(new URL('.', import.meta.url));
for (const entry of entries) await build({ ...bundleOptions, ...entry, absWorkingDir });
