import type { CliCommand } from '../cli';
import { migrate } from '../db/migrate';
import { purgeExpiredExports } from './exports';

/** Drops expired export archives of every tenant (the server also does it whenever exports are touched). */
export const purgeExportsCommand: CliCommand = {
  summary: 'drop guest-data export archives older than 30 days',
  usage: 'purge-exports',
  async run(db) {
    await migrate(db);
    const n = await db.transaction((tx) => purgeExpiredExports(tx, null));
    return `${n} expired export archive${n === 1 ? '' : 's'} removed`;
  },
};
