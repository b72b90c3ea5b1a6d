import type { Page } from 'playwright-core';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}

/**
 * With BENCH_PROFILE=1, records a CPU profile of the page while `fn` runs and logs the functions
 * with the most time of their own: how a missed target is traced to its cause.
 */
export async function profiled<T>(page: Page, label: string, log: (m: string) => void, fn: () => Promise<T>): Promise<T> {
  if (process.env.BENCH_PROFILE !== '1') return fn();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  const out = await fn();
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[] } };
  const total = profile.samples.length;
  const self = new Map<string, number>();
  for (const n of profile.nodes) {
    const f = n.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}`;
    self.set(key, (self.get(key) ?? 0) + (n.hitCount ?? 0));
  }
  const ms = (profile.endTime - profile.startTime) / 1000;
  log(`profile ${label}: ${ms.toFixed(0)} ms, ${total} samples; top self time:`);
  for (const [k, v] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15)) log(`  ${((v / total) * 100).toFixed(1)}%  ${k}`);
  await cdp.detach();
  return out;
}
