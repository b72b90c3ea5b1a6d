import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Plugin, build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Inside the repository, so the bundle's external packages resolve from node_modules. */
const OUT = join(ROOT, 'node_modules', '.cache', 'cellardoor-test-bundles');
const built = new Map<string, Promise<string>>();

function dependenciesOf(pkg: string): string[] {
  const json = JSON.parse(readFileSync(join(ROOT, pkg, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  return Object.keys(json.dependencies ?? {}).filter((d) => !d.startsWith('@cellardoor/'));
}

/** Our sources keep their own `import.meta.url` (the server finds its migrations next to migrate.ts). */
const keepSourceUrls: Plugin = {
  name: 'keep-source-urls',
  setup(b) {
    b.onLoad({ filter: /\/(shared|sync-server|renderer)\/src\/.*\.tsx?$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};

/**
 * A test's child processes (simulated tablets, the sync server) started as one plain JavaScript
 * file instead of compiling TypeScript at start-up: on a loaded two-core machine that is the
 * difference between seconds and most of a minute per process. The source is the same code;
 * `external` keeps the packages that load files next to themselves (PGlite's WASM) as they are.
 * Built once per test process.
 */
export function bundled(entry: string, opts: { external: 'dependencies' | 'none'; packages?: string[] }): Promise<string> {
  const key = `${entry}:${opts.external}`;
  let out = built.get(key);
  if (!out) {
    out = (async () => {
      const outfile = join(OUT, `${entry.replace(/[^A-Za-z0-9]+/g, '-')}-${process.pid}.mjs`);
      mkdirSync(dirname(outfile), { recursive: true });
      process.once('exit', () => rmSync(outfile, { force: true }));
      await build({
        entryPoints: [join(ROOT, entry)],
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        outfile,
        logLevel: 'error',
        plugins: [keepSourceUrls],
        external: opts.external === 'dependencies' ? (opts.packages ?? []).flatMap(dependenciesOf) : [],
        // CommonJS packages inside an ES module bundle still call require().
        banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
      });
      return outfile;
    })();
    built.set(key, out);
  }
  return out;
}
