import { writeFile } from 'node:fs/promises';
import type { SaveFileRequest } from '@cellardoor/shared/bridge';
import { ShellError } from '../shell-error';
import { type SaveDialog, askWhereToSave, dialogFilters, safeFileName } from './save-dialog';

export interface FileSaving {
  dialog: SaveDialog;
  documentsDir: string;
}

export async function writeChosenFile(path: string, contents: string | Buffer): Promise<void> {
  try {
    await writeFile(path, contents);
  } catch (err) {
    throw new ShellError('WRITE_FAILED', `The file could not be saved to ${path} (${err instanceof Error ? err.message : String(err)}).`);
  }
}

/** Saves an export (CSV, JSON) where the user chooses; resolves with the path, or null if they cancel. */
export async function saveFile(deps: FileSaving, request: SaveFileRequest): Promise<string | null> {
  const name = safeFileName(request.suggestedName);
  const path = await askWhereToSave(deps.dialog, deps.documentsDir, name, dialogFilters(name, request.filters));
  if (!path) return null;
  await writeChosenFile(path, request.contents);
  return path;
}
