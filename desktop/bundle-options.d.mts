import type { BuildOptions } from 'esbuild';

export declare const entries: Array<{ entryPoints: string[]; outfile: string }>;
export declare const bundleOptions: BuildOptions;
