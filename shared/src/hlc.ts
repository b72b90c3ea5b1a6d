/**
 * Hybrid logical clock stamps: wall-clock milliseconds, a counter for events within the same
 * millisecond (or while the wall clock lags a clock we have seen), and the node that made it.
 * Encoded as a fixed-width string so stamps compare correctly as plain strings.
 *   "0001737000000000-0000-<node>"
 */
export type HlcStamp = string;

export interface HlcState {
  wallMs: number;
  counter: number;
  node: string;
}

const MAX_DRIFT_MS = 24 * 3600_000;

export function encodeHlc(s: HlcState): HlcStamp {
  return `${String(s.wallMs).padStart(16, '0')}-${s.counter.toString(36).padStart(4, '0')}-${s.node}`;
}

export function decodeHlc(stamp: HlcStamp): HlcState {
  const m = /^(\d{16})-([0-9a-z]{4})-(.*)$/.exec(stamp);
  if (!m) throw new Error(`not a clock stamp: ${stamp}`);
  return { wallMs: Number(m[1]), counter: parseInt(m[2]!, 36), node: m[3]! };
}

export function isHlc(stamp: string): boolean {
  return /^\d{16}-[0-9a-z]{4}-.{0,64}$/.test(stamp);
}

/** The lowest stamp a given instant can have: used for documents written without stamps. */
export function hlcFloor(iso: string): HlcStamp {
  return encodeHlc({ wallMs: Date.parse(iso) || 0, counter: 0, node: '' });
}

export function compareHlc(a: HlcStamp, b: HlcStamp): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A clock for one node; `now` is injectable so tests can drive time. */
export class HybridClock {
  private state: HlcState;
  constructor(
    node: string,
    private readonly now: () => number = Date.now,
  ) {
    this.state = { wallMs: 0, counter: 0, node };
  }

  /** A stamp for a local event, strictly greater than every stamp this clock has made or seen. */
  tick(): HlcStamp {
    const wall = this.now();
    if (wall > this.state.wallMs) this.state = { ...this.state, wallMs: wall, counter: 0 };
    else this.state = { ...this.state, counter: this.state.counter + 1 };
    return encodeHlc(this.state);
  }

  /** Advances past a stamp received from elsewhere, ignoring stamps implausibly far in the future. */
  receive(stamp: HlcStamp): void {
    const remote = decodeHlc(stamp);
    if (remote.wallMs - this.now() > MAX_DRIFT_MS) return;
    if (remote.wallMs > this.state.wallMs) this.state = { ...this.state, wallMs: remote.wallMs, counter: remote.counter };
    else if (remote.wallMs === this.state.wallMs && remote.counter > this.state.counter)
      this.state = { ...this.state, counter: remote.counter };
  }
}
