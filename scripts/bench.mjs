#!/usr/bin/env node
// `npm run bench [-- --only sync [--save] --scale quick]`: every bench/*.bench.ts module (or those named); writes bench/results/latest.{md,json} (with --only, only when --save, replacing just those sections).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const r = spawnSync(process.execPath, ['--import', 'tsx', '--max-old-space-size=8192', join(root, 'bench', 'run.ts'), ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
process.exit(r.status ?? 1);
