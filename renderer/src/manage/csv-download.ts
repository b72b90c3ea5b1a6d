import { saveTextFile } from '../platform/files';
import type { ConsoleApi, Query } from './console-api';

/**
 * Fetches a CSV the server made (with the manager's token, so not a plain link) and saves it:
 * the desktop shell's save dialog, or a browser download. Returns where it went, null if cancelled.
 */
export async function downloadCsv(api: ConsoleApi, path: string, query: Query, fallbackName: string): Promise<string | null> {
  const res = await api.raw(path, query);
  const contents = await res.text();
  // Cross-origin (the desktop app) the header is not exposed; the fallback names the file the same way.
  const named = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1];
  return saveTextFile({ suggestedName: named ?? fallbackName, contents, mimeType: 'text/csv', filter: { name: 'CSV spreadsheet', extensions: ['csv'] } });
}

export const todayName = (base: string) => `${base}-${new Date().toISOString().slice(0, 10)}.csv`;
