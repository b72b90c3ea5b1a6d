import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readUnsentExport } from '@cellardoor/shared';
import type { CliCommand } from '../cli';
import { migrate } from '../db/migrate';
import { importUnsent } from './unsent-import';

/** The operator's way in for a tablet's unsent-documents file, when no manager can sign in. */
export const importUnsentCommand: CliCommand = {
  summary: "import a tablet's exported unsent documents (idempotent)",
  usage: 'import-unsent --file cellardoor-unsent-T2-….json',
  async run(db, args) {
    const { values } = parseArgs({ args, options: { file: { type: 'string' } } });
    if (!values.file) throw new Error('import-unsent needs --file');
    const file = readUnsentExport(readFileSync(values.file, 'utf8'));
    await migrate(db);
    const [tenant] = await db.query<{ slug: string }>('SELECT slug FROM tenants WHERE id = $1', [file.tenantId]);
    if (!tenant) throw new Error('the file comes from an account that is not on this server');
    const r = await importUnsent(db, file.tenantId, null, file);
    const lines = Object.entries(r.collections).map(
      ([c, s]) => `  ${c}: ${s.received} received, ${s.written} written, ${s.unchanged} already there${s.refused.length ? `, ${s.refused.length} refused: ${s.refused.map((x) => `${x.id} (${x.reason})`).join('; ')}` : ''}`,
    );
    return [`tablet T${r.deviceNumber} of ${tenant.slug}: ${r.written} of ${r.received} documents written`, ...lines].join('\n');
  },
};
