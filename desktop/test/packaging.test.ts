import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { entries } from '../bundle-options.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(join(root, 'package.json'));

interface BuilderConfig {
  /** electron-builder normalises the list into file sets. */
  files: Array<{ filter: string[] }>;
  extraMetadata: { main: string };
  electronVersion: string;
  electronFuses: Record<string, boolean>;
  publish: unknown;
  win: { target: string };
  mac: { target: string };
  linux: { target: string[] };
}

async function loadConfig(): Promise<BuilderConfig> {
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
    getConfig(projectDir: string, configPath: string, options: null): Promise<BuilderConfig>;
    validateConfiguration(config: BuilderConfig, logger: unknown): Promise<void>;
  };
  const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
  const config = await getConfig(root, 'build/electron-builder.yml', null);
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

// What build/check-package.mjs verifies by packing; here, that the configuration agrees with the code.
describe('the installer configuration', () => {
  it('is valid for electron-builder and builds the targets we ship', async () => {
    const config = await loadConfig();
    expect(config.win.target).toBe('nsis');
    expect(config.mac.target).toBe('dmg');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.publish).toBeNull();
  });

  it('packs the bundles desktop/build.mjs writes and starts the main one', async () => {
    const config = await loadConfig();
    const outfiles = entries.map((e) => `desktop/${e.outfile}`);
    const packed = config.files.flatMap((set) => set.filter);
    for (const outfile of outfiles) expect(packed).toContain(outfile);
    expect(config.extraMetadata.main).toBe(outfiles.find((f) => f.endsWith('main.cjs')));
  });

  it('packs the renderer where the main process looks for it', async () => {
    const config = await loadConfig();
    expect(config.files.flatMap((set) => set.filter)).toContain('renderer/dist/**/*');
    // main.cjs sits in desktop/dist/ and serves ../../renderer/dist.
    expect(readFileSync(join(root, 'desktop/src/main.ts'), 'utf8')).toContain("join(__dirname, '..', '..', 'renderer', 'dist')");
  });

  it('packs Electron itself at the version the project depends on, with hardening fuses', async () => {
    const config = await loadConfig();
    const installed = (JSON.parse(readFileSync(join(root, 'desktop/package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies.electron;
    expect(config.electronVersion).toBe(installed);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});
