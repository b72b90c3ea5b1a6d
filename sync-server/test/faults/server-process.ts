import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import { bundled } from '../../../renderer/test-support/bundle';

export async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const a = s.address();
  await new Promise<void>((resolve) => s.close(() => resolve()));
  if (!a || typeof a === 'string') throw new Error('no port');
  return a.port;
}

/**
 * The real sync server (`src/main.ts`) in a child process, so the test can SIGKILL it in the
 * middle of a push and start it again on the same database: a PGlite data folder, or a PostgreSQL
 * database. Every start uses the same port.
 */
export class ServerProcess {
  private child: ChildProcess | null = null;
  starts = 0;
  kills = 0;

  private constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  static async create(db: { databaseUrl: string } | { dataDir: string }): Promise<ServerProcess> {
    const port = await freePort();
    const env: Record<string, string> = { PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', SEED_DEMO: '1' };
    if ('databaseUrl' in db) env.DATABASE_URL = db.databaseUrl;
    else env.DATA_DIR = db.dataDir;
    return new ServerProcess(port, env);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(timeoutMs = 60_000): Promise<void> {
    if (this.running) throw new Error('the server is already running');
    const env = { ...process.env, ...this.env };
    delete env.DATABASE_URL;
    Object.assign(env, this.env);
    // The real entry point (src/main.ts), bundled so a restart takes seconds, not a TypeScript compile.
    const main = await bundled('sync-server/src/main.ts', { external: 'dependencies', packages: ['sync-server'] });
    const child = spawn(process.execPath, [main], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.starts++;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the server did not start in ${timeoutMs} ms:\n${output}`)), timeoutMs);
      const onData = (b: Buffer) => {
        output += b.toString();
        if (output.includes('listening on')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (b: Buffer) => {
        output += b.toString();
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the server exited while starting (${code ?? signal}):\n${output}`));
      });
    });
    // Keep draining its output so the pipe never fills; show only what went wrong.
    child.stdout!.removeAllListeners('data');
    child.stdout!.resume();
    child.stderr!.removeAllListeners('data');
    child.stderr!.on('data', (b: Buffer) => {
      const text = b.toString();
      if (/"level":(50|60)/.test(text)) process.stderr.write(`[server] ${text}`);
    });
  }

  /** SIGKILL: no shutdown, no finishing in-flight requests, no flushing. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    this.kills++;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGKILL');
    await exited;
  }

  /** A clean stop (SIGTERM), as an operator would. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    const force = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(force);
  }
}
