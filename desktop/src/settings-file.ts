import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { receiptPrinterSettingSchema } from '@cellardoor/shared/bridge';
import { z } from 'zod';

/** What the shell remembers for this computer, in `settings.json` in the user-data folder. */
const shellSettingsSchema = z.object({
  kiosk: z.boolean().default(false),
  receiptPrinter: receiptPrinterSettingSchema.default({ deviceName: null, silent: false }),
});
export type ShellSettings = z.infer<typeof shellSettingsSchema>;

export const DEFAULT_SETTINGS: ShellSettings = shellSettingsSchema.parse({});

export interface SettingsFile {
  read(): Promise<ShellSettings>;
  update(change: Partial<ShellSettings>): Promise<ShellSettings>;
}

/**
 * Settings are conveniences, not data: a missing or damaged file means the defaults (a damaged
 * one is reported, then replaced on the next change). Writes go through a temporary file and a
 * rename so a crash never leaves half a file.
 */
export function settingsFile(path: string, onDamaged: (reason: string) => void = () => {}): SettingsFile {
  let cached: ShellSettings | null = null;
  let writing: Promise<unknown> = Promise.resolve();

  const read = async (): Promise<ShellSettings> => {
    if (cached) return cached;
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      cached = DEFAULT_SETTINGS;
      return cached;
    }
    try {
      cached = shellSettingsSchema.parse(JSON.parse(text));
    } catch (err) {
      onDamaged(err instanceof Error ? err.message : String(err));
      cached = DEFAULT_SETTINGS;
    }
    return cached;
  };

  const update = async (change: Partial<ShellSettings>): Promise<ShellSettings> => {
    // Changes are applied one after another so two quick toggles cannot interleave their writes.
    const next = writing.then(async () => {
      const merged = shellSettingsSchema.parse({ ...(await read()), ...change });
      await mkdir(dirname(path), { recursive: true });
      const temporary = `${path}.${process.pid}.tmp`;
      await writeFile(temporary, `${JSON.stringify(merged, null, 2)}\n`, 'utf8');
      await rename(temporary, path);
      cached = merged;
      return merged;
    });
    writing = next.catch(() => undefined);
    return next;
  };

  return { read, update };
}
