import type { CliCommand } from './cli';
import { importUnsentCommand } from './imports/unsent-cli';

/** Operator commands added by later capabilities (recalculate, import, export, …). */
export const CLI_EXTENSIONS: Record<string, CliCommand> = {
  'import-unsent': importUnsentCommand,
};
