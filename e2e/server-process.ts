import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/**
 * The real sync server as a child process, serving the built renderer, on a data folder of its
 * own; it can be stopped and started again on the same port and data (a network cut, a restart).
 */
export class ServerProcess {
  private child: ChildProcess | null = null;
  readonly dataDir: string;
  constructor(
    readonly port: number,
    dataDir?: string,
    private readonly env: Record<string, string> = {},
  ) {
    this.dataDir = dataDir ?? mkdtempSync(join(tmpdir(), 'cellardoor-e2e-'));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  static async start(env: Record<string, string> = {}): Promise<ServerProcess> {
    const s = new ServerProcess(await freePort(), undefined, env);
    await s.start();
    return s;
  }

  async start(): Promise<void> {
    this.child = spawn(process.execPath, ['--import', 'tsx', join(root, 'sync-server', 'src', 'main.ts')], {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(this.port),
        DATA_DIR: this.dataDir,
        RENDERER_DIR: join(root, 'renderer', 'dist'),
        LOG_LEVEL: process.env.E2E_SERVER_LOG ?? 'warn',
        ...this.env,
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`the server exited with ${this.child.exitCode}`);
      try {
        const res = await fetch(`${this.url}/health`);
        if (res.ok) return;
      } catch {
        /* not up yet */
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('the server did not start within 60 s');
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
    this.child = null;
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
