import { join } from 'node:path';
import type { FileFilter, SaveDialogOptions } from 'electron';

export interface SaveDialog {
  /** Electron's dialog.showSaveDialog, already bound to the app window. */
  showSaveDialog(options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }>;
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

/** A name every file system accepts, keeping what the renderer suggested as far as possible. */
export function safeFileName(suggested: string, requiredExtension?: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  let name = suggested.replace(/[<>:"/\\|?*\u0000-\u001f]/g, '-').replace(/^[\s.]+|[\s.]+$/g, '');
  if (!name) name = 'export';
  if (WINDOWS_RESERVED.test(name)) name = `_${name}`;
  if (requiredExtension && !name.toLowerCase().endsWith(`.${requiredExtension}`)) name = `${name}.${requiredExtension}`;
  return name.slice(0, 200);
}

/** Filters for the dialog: the renderer's, or one made from the file's own extension. */
export function dialogFilters(fileName: string, filters: FileFilter[] | undefined): FileFilter[] {
  if (filters?.length) return filters;
  const extension = /\.([A-Za-z0-9]{1,10})$/.exec(fileName)?.[1];
  return extension ? [{ name: `${extension.toUpperCase()} file`, extensions: [extension.toLowerCase()] }] : [];
}

/** Asks where to save, starting in the user's documents folder; null when the user cancels. */
export async function askWhereToSave(dialog: SaveDialog, documentsDir: string, fileName: string, filters: FileFilter[]): Promise<string | null> {
  const answer = await dialog.showSaveDialog({
    defaultPath: join(documentsDir, fileName),
    filters,
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  });
  if (answer.canceled || !answer.filePath) return null;
  return answer.filePath;
}
