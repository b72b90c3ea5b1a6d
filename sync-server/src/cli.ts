import { parseArgs } from 'node:util';
import { loadConfig } from './config';
import type { Db } from './db/driver';
import { migrate } from './db/migrate';
import { openDatabase } from './db/open';
import { CLI_EXTENSIONS } from './cli-extensions';
import { addUser, createTenant } from './tenants/create-tenant';
import { DEMO, ensureDemoTenant } from './tenants/demo-seed';
import { resetDemo } from './tenants/reset-demo';

export interface CliCommand {
  summary: string;
  usage: string;
  run(db: Db, args: string[]): Promise<string>;
}

const COMMANDS: Record<string, CliCommand> = {
  migrate: {
    summary: 'apply database migrations',
    usage: 'migrate',
    async run(db) {
      const applied = await migrate(db);
      return applied.length ? `applied: ${applied.join(', ')}` : 'already up to date';
    },
  },
  'create-tenant': {
    summary: 'create a tenant with its owner',
    usage: 'create-tenant --name "Hillside Cellars" --slug hillside --email owner@hillside.example --password … [--owner-name "Sam"]',
    async run(db, args) {
      const { values } = parseArgs({
        args,
        options: { name: { type: 'string' }, slug: { type: 'string' }, email: { type: 'string' }, password: { type: 'string' }, 'owner-name': { type: 'string' } },
      });
      if (!values.name || !values.slug || !values.email || !values.password) throw new Error('create-tenant needs --name, --slug, --email and --password');
      if (values.password.length < 10) throw new Error('the password needs at least 10 characters');
      await migrate(db);
      const { tenantId } = await createTenant(db, {
        name: values.name,
        slug: values.slug,
        ownerEmail: values.email,
        ownerName: values['owner-name'] ?? values.email,
        ownerPassword: values.password,
      });
      return `tenant ${values.slug} created (${tenantId}); sign in as ${values.email}`;
    },
  },
  'add-user': {
    summary: 'add a manager, owner or staff login to a tenant',
    usage: 'add-user --tenant demo --email m@x.example --name "Maya" --role MANAGER --password …',
    async run(db, args) {
      const { values } = parseArgs({
        args,
        options: { tenant: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, password: { type: 'string' } },
      });
      const role = values.role?.toUpperCase();
      if (!values.tenant || !values.email || !values.password || !role || !['OWNER', 'MANAGER', 'STAFF'].includes(role))
        throw new Error('add-user needs --tenant, --email, --password and --role OWNER|MANAGER|STAFF');
      const [t] = await db.query<{ id: string }>('SELECT id FROM tenants WHERE slug = $1', [values.tenant]);
      if (!t) throw new Error(`no tenant with slug ${values.tenant}`);
      await addUser(db, t.id, { email: values.email, name: values.name ?? values.email, role: role as 'OWNER' | 'MANAGER' | 'STAFF', password: values.password });
      return `user ${values.email} added to ${values.tenant} as ${role}`;
    },
  },
  'reset-demo': {
    summary: 'delete the demo tenant and seed it afresh',
    usage: 'reset-demo',
    async run(db) {
      await migrate(db);
      await resetDemo(db);
      await ensureDemoTenant(db);
      return `demo tenant reset; sign in as ${DEMO.email} / ${DEMO.password}`;
    },
  },
  ...CLI_EXTENSIONS,
};

function help(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(22)} ${c.summary}\n  ${' '.repeat(22)} npm run cli -- ${c.usage}`);
  return `Cellardoor operator commands (DATABASE_URL selects PostgreSQL, else PGlite in DATA_DIR):\n${lines.join('\n')}`;
}

async function main(): Promise<number> {
  const [name, ...args] = process.argv.slice(2);
  if (!name || name === 'help' || name === '--help') {
    console.log(help());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    console.log(await command.run(db, args));
    return 0;
  } catch (err) {
    console.error(`${name} failed: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    await db.close();
  }
}

process.exitCode = await main();
