import type { ConsoleApi } from '../console-api';

/** Sale numbers a tablet issued that the server has not received, as inclusive [from, to] runs. */
export interface TabletGaps {
  deviceId: string;
  deviceName: string;
  missing: Array<[number, number]>;
  lastSeqReceived: number | null;
  lastReportedSeq: number | null;
}

interface CloseOutDevices {
  devices: Array<{ deviceId: string; deviceName: string | null; lastSeqReceived: number | null; lastReportedSeq: number | null; missing: Array<[number, number]> }>;
}

/**
 * The one place the console learns which tablets still hold sales: today's close-out across every
 * venue lists each tablet's gaps in sale numbers (docs/REPORTS.md). A dedicated sync-health
 * endpoint can replace this function without touching the screens.
 */
export async function loadTabletGaps(api: ConsoleApi, signal?: AbortSignal): Promise<TabletGaps[]> {
  const answer = await api.get<CloseOutDevices>('/api/v1/reports/close-out', {}, signal);
  return answer.devices.map((d) => ({
    deviceId: d.deviceId,
    deviceName: d.deviceName ?? 'A tablet that is no longer enrolled',
    missing: d.missing,
    lastSeqReceived: d.lastSeqReceived,
    lastReportedSeq: d.lastReportedSeq,
  }));
}

const run = ([from, to]: [number, number]) => (from === to ? String(from) : `${from}–${to}`);

/** "Counter 2 still holds sales 1041–1043 and 1050": what a manager should go and sync. */
export function describeGaps(t: TabletGaps): string {
  const count = t.missing.reduce((n, [from, to]) => n + (to - from + 1), 0);
  const runs = t.missing.map(run);
  const list = runs.length === 1 ? runs[0] : `${runs.slice(0, -1).join(', ')} and ${runs[runs.length - 1]}`;
  return `${t.deviceName} still holds ${count === 1 ? 'sale' : 'sales'} ${list}`;
}
