import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The team kit lives beside the repository (`../shared`), never inside it; `CELLARDOOR_KIT`
 * points elsewhere when a checkout sits somewhere else.
 */
export function kitDir(): string {
  const fromEnv = process.env.CELLARDOOR_KIT;
  if (fromEnv) return resolve(fromEnv);
  const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const beside = join(repo, '..', 'shared');
  // A clone made elsewhere (CI clones into a temporary folder) finds the kit at its usual home.
  for (const dir of [beside, '/work/shared']) if (existsSync(join(dir, 'workload', 'generate.mjs'))) return dir;
  throw new Error(`The team kit was not found at ${beside}; set CELLARDOOR_KIT to its folder.`);
}

export function workloadGenerator(): string {
  return join(kitDir(), 'workload', 'generate.mjs');
}
