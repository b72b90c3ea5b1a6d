import type { z } from 'zod';

/** The first problem per field, in words a manager can act on. */
export function fieldProblems(error: z.ZodError, words: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'form');
    if (!out[key]) out[key] = `${words[key] ?? key}: ${issue.message}.`;
  }
  return out;
}

/** Parses "8.75" (percent) into basis points exactly, without floating point; null when unreadable. */
export function percentToBps(text: string): number | null {
  const m = /^\s*(\d{1,3})(?:[.,](\d{0,2}))?\s*%?\s*$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export const bpsToPercent = (bps: number) => (bps / 100).toFixed(2).replace(/\.?0+$/, '');
