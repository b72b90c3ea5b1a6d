// How main and preload are bundled: CommonJS, as Electron's sandboxed preload requires, with
// `electron` left to Electron itself. Shared by build.mjs and the tests of the bundled preload.
export const entries = [
  { entryPoints: ['src/main.ts'], outfile: 'dist/main.cjs' },
  { entryPoints: ['src/preload.ts'], outfile: 'dist/preload.cjs' },
];

export const bundleOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['electron'],
  sourcemap: true,
  logLevel: 'warning',
};
