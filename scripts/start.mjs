#!/usr/bin/env node
// `npm start`: the sync server on the embedded database with the demo venue, serving the app.
// Opens the Electron window where Electron's binary is available; otherwise says where to browse.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const port = process.env.PORT ?? '8787';
const rendererDist = join(root, 'renderer', 'dist');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

// Build the renderer when it is missing or older than its sources.
const built = existsSync(join(rendererDist, 'index.html')) ? statSync(join(rendererDist, 'index.html')).mtimeMs : 0;
if (built < Math.max(newestMtime(join(root, 'renderer', 'src')), newestMtime(join(root, 'shared', 'src')))) {
  console.log('Building the app…');
  const r = spawnSync('npm', ['run', 'build', '-s', '-w', 'renderer'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const server = spawn(process.execPath, ['--import', 'tsx', join(root, 'sync-server', 'src', 'main.ts')], {
  cwd: root,
  // Request logs stay quiet here unless LOG_LEVEL asks for them; `npm run server` logs at info.
  env: { LOG_LEVEL: 'warn', ...process.env, PORT: port, RENDERER_DIR: rendererDist, DATA_DIR: process.env.DATA_DIR ?? join(root, '.data') },
  stdio: ['ignore', 'pipe', 'inherit'],
});

let url = null;
server.stdout.setEncoding('utf8');
server.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  const m = /listening on (http:\/\/[\w.:]+)/.exec(chunk);
  if (m && !url) {
    url = m[1];
    onReady(url);
  }
});
server.on('exit', (code) => process.exit(code ?? 0));
for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => server.kill(s));

function electronBinary() {
  if (process.env.CELLARDOOR_NO_ELECTRON === '1') return null;
  try {
    const pkg = dirname(require.resolve('electron/package.json'));
    const pathFile = join(pkg, 'path.txt');
    if (!existsSync(pathFile) && !process.env.ELECTRON_SKIP_BINARY_DOWNLOAD && !process.env.CI) {
      // Install scripts are not run by npm here (see allowScripts); fetch the binary on first start.
      console.log('Fetching the Electron binary (first start only)…');
      const r = spawnSync(process.execPath, [join(pkg, 'install.js')], { encoding: 'utf8', timeout: 60_000 });
      if (r.status !== 0) console.log(`Could not fetch Electron: ${(r.stderr || r.stdout || 'timed out').split('\n').find((l) => l.trim()) ?? 'unknown error'}`);
    }
    if (!existsSync(pathFile)) return null;
    const bin = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

function onReady(serverUrl) {
  const banner = (lines) => console.log(`\n${'─'.repeat(64)}\n${lines.join('\n')}\n${'─'.repeat(64)}\n`);
  const login = ['Demo manager login: demo@cellardoor.local / cellardoor-demo', 'Staff PINs on the tablet: Maya (manager) 9999 · Leo 1111 · Ines 2222'];
  const bin = electronBinary();
  const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  if (bin && hasDisplay) {
    const desktop = join(root, 'desktop');
    spawnSync('npm', ['run', 'build', '-s', '-w', 'desktop'], { cwd: root, stdio: 'inherit' });
    const win = spawn(bin, [desktop], { env: { ...process.env, CELLARDOOR_START_URL: serverUrl }, stdio: 'inherit' });
    win.on('exit', () => server.kill('SIGTERM'));
    banner([`Cellardoor is running in its desktop window (server ${serverUrl}).`, ...login]);
  } else {
    banner([
      'Electron is not available here, so the app is served to your browser instead:',
      `  open ${serverUrl}`,
      ...login,
      'Stop with Ctrl+C.',
    ]);
  }
}
