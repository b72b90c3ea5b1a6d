/**
 * Event times are entered as the venue's wall-clock time (a manager planning a tasting in Napa
 * from a laptop in New York means 6 pm in Napa), and stored as instants.
 */
function wallParts(ms: number, timeZone: string): Record<string, number> {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const out: Record<string, number> = {};
  for (const p of parts) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

/** Milliseconds the zone is ahead of UTC at an instant. */
function offsetAt(ms: number, timeZone: string): number {
  const w = wallParts(ms, timeZone);
  return Date.UTC(w.year!, w.month! - 1, w.day!, w.hour!, w.minute!, w.second!) - Math.floor(ms / 1000) * 1000;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as the value of a datetime-local input in the venue's zone ("2026-05-02T18:00"). */
export function toZonedInput(iso: string, timeZone: string): string {
  const w = wallParts(Date.parse(iso), timeZone);
  return `${w.year}-${pad(w.month!)}-${pad(w.day!)}T${pad(w.hour!)}:${pad(w.minute!)}`;
}

/** A datetime-local value read as wall time in the venue's zone, as an ISO instant; null if unreadable. */
export function fromZonedInput(local: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local);
  if (!m) return null;
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  // Two passes settle the offset around daylight-saving changes.
  let t = asUtc - offsetAt(asUtc, timeZone);
  t = asUtc - offsetAt(t, timeZone);
  return new Date(t).toISOString();
}

export function timeZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf ? intl.supportedValuesOf('timeZone') : ['UTC'];
}

export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
