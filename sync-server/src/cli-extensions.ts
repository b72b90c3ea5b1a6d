import type { CliCommand } from './cli';
import { importUnsentCommand } from './imports/unsent-cli';
import { purgeExportsCommand } from './privacy/cli';
import { recomputeReports } from './reports/recompute-command';
import { recomputeSegmentsCommand } from './segments/recompute-command';

/** Operator commands added by later capabilities (recalculate, import, export, …). */
export const CLI_EXTENSIONS: Record<string, CliCommand> = {
  'import-unsent': importUnsentCommand,
  'purge-exports': purgeExportsCommand,
  'recompute-reports': recomputeReports,
  'recompute-segments': recomputeSegmentsCommand,
};
