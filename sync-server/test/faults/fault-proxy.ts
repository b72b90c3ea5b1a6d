import net from 'node:net';

/** A seeded generator (mulberry32), so a fault run's plan is the same every time. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface ProxyFaults {
  /** Every connection is cut and new ones are closed at once (the Wi-Fi drops). */
  cut: boolean;
  /** Each response chunk waits this long (ms, drawn per connection), so concurrent answers overtake each other. */
  delayMs: [number, number];
  /** Share of responses swallowed after the server sent them (it has committed): the connection just dies. */
  dropResponses: number;
  /** Drop only answers to pushes (pulls get through, so the device gets as far as pushing). */
  dropOnlyPushes: boolean;
}

/**
 * A loopback TCP proxy between the devices and the sync server that can cut connections, delay
 * and reorder responses, drop answers the server already committed, and tell the test when a
 * push has just been sent on (so the server can be killed in the middle of it).
 */
export class FaultProxy {
  readonly faults: ProxyFaults = { cut: false, delayMs: [0, 0], dropResponses: 0, dropOnlyPushes: false };
  /** Called once, just after the next push request's first bytes went to the server. */
  onNextPush: (() => void) | null = null;
  readonly counts = { connections: 0, cuts: 0, dropped: 0, delayed: 0, pushes: 0 };
  private readonly sockets = new Set<net.Socket>();
  private server: net.Server | null = null;

  constructor(
    private targetPort: number,
    private readonly random: () => number,
  ) {}

  get port(): number {
    const a = this.server?.address();
    if (!a || typeof a === 'string') throw new Error('the proxy is not listening');
    return a.port;
  }

  async listen(): Promise<number> {
    this.server = net.createServer((client) => this.accept(client));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this.port;
  }

  retarget(port: number): void {
    this.targetPort = port;
  }

  /** Drops every open connection now. */
  cutAll(): void {
    this.counts.cuts++;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  async close(): Promise<void> {
    this.cutAll();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }

  private accept(client: net.Socket): void {
    this.counts.connections++;
    if (this.faults.cut) {
      client.destroy();
      return;
    }
    const upstream = net.connect(this.targetPort, '127.0.0.1');
    this.sockets.add(client);
    this.sockets.add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);

    // Client → server: passed on as it comes; a push is announced to the test.
    let lastWasPush = false;
    client.on('data', (chunk: Buffer) => {
      const head = chunk.subarray(0, 5).toString('latin1');
      if (head.startsWith('GET ') || head.startsWith('POST ')) lastWasPush = false;
      if (chunk.subarray(0, 16).toString('latin1').startsWith('POST /sync/v1/') && /^POST \/sync\/v1\/\w+\/push /.test(chunk.subarray(0, 64).toString('latin1'))) {
        this.counts.pushes++;
        lastWasPush = true;
        upstream.write(chunk);
        const hook = this.onNextPush;
        this.onNextPush = null;
        hook?.();
        return;
      }
      upstream.write(chunk);
    });

    // Server → client: per connection a delay (order kept within the connection, so HTTP stays
    // well-formed, while answers on different connections overtake each other), and now and then a
    // response lost after the server sent it.
    const [lo, hi] = this.faults.delayMs;
    const delay = hi > 0 ? lo + Math.floor(this.random() * (hi - lo)) : 0;
    let chain = Promise.resolve();
    upstream.on('data', (chunk: Buffer) => {
      const droppable = !this.faults.dropOnlyPushes || lastWasPush;
      if (droppable && this.faults.dropResponses > 0 && chunk.subarray(0, 5).toString('latin1') === 'HTTP/' && this.random() < this.faults.dropResponses) {
        this.counts.dropped++;
        end();
        return;
      }
      if (delay === 0) {
        client.write(chunk);
        return;
      }
      this.counts.delayed++;
      chain = chain.then(
        () =>
          new Promise<void>((resolve) =>
            setTimeout(() => {
              if (!client.destroyed) client.write(chunk);
              resolve();
            }, delay),
          ),
      );
    });
  }
}
