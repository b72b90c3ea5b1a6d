#!/usr/bin/env node
// `npm test`: every test. Types and lint, the unit and integration suites on embedded PGlite, the
// server suite again on a real PostgreSQL (TEST_DATABASE_URL, or the local one when it answers),
// the Playwright end-to-end tests in Chromium, and the installer configuration (build/).
import { spawnSync } from 'node:child_process';
import net from 'node:net';

const run = (title, cmd, args, env = {}) => {
  console.log(`\n▶ ${title}`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`${r.status === 0 ? '✔' : '✘'} ${title} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  if (r.status !== 0) process.exit(r.status ?? 1);
};

const reachable = (host, port) =>
  new Promise((resolve) => {
    const s = net.connect({ host, port, timeout: 1500 }, () => {
      s.end();
      resolve(true);
    });
    s.on('error', () => resolve(false));
    s.on('timeout', () => {
      s.destroy();
      resolve(false);
    });
  });

const only = process.argv[2];
const pgUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SERVER_SUITE = ['sync-server', 'renderer/test'];

if (!only || only === 'static') {
  run('typecheck', 'npm', ['run', '-s', 'typecheck']);
  run('lint', 'npm', ['run', '-s', 'lint']);
}
if (!only || only === 'unit') run('unit and integration tests (PGlite)', 'npx', ['vitest', 'run'], { TEST_DATABASE_URL: '' });
if (!only || only === 'postgres') {
  const u = new URL(pgUrl);
  if (await reachable(u.hostname, Number(u.port || 5432))) run('server suite on PostgreSQL', 'npx', ['vitest', 'run', ...SERVER_SUITE], { TEST_DATABASE_URL: pgUrl });
  else if (process.env.CELLARDOOR_REQUIRE_POSTGRES === '1') {
    console.error(`PostgreSQL is required here but ${u.host} does not answer.`);
    process.exit(1);
  } else console.warn(`\n⚠ PostgreSQL at ${u.host} does not answer: the server suite ran on PGlite only. Set TEST_DATABASE_URL to run it on PostgreSQL too.`);
}
if (!only || only === 'e2e') run('end-to-end tests (Chromium)', 'npm', ['run', '-s', 'test:e2e']);
if (!only || only === 'dist') run('installer configuration and packing', 'npm', ['run', '-s', 'dist:check']);
