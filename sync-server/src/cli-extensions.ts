import type { CliCommand } from './cli';

/** Operator commands added by later capabilities (recalculate, import, export, …). */
export const CLI_EXTENSIONS: Record<string, CliCommand> = {};
