import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { startServerProcess, benchDatabase } from './server-child';
execFileSync(process.execPath, ['/work/shared/workload/generate.mjs', '--guests', '2000', '--orders', '5000', '--out', '/tmp/pp2']);
const docs = (c: string) => readFileSync(`/tmp/pp2/${c}.ndjson`, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
for (const kind of ['pglite', 'postgres']) {
  const db = kind === 'postgres' ? await benchDatabase('postgres://postgres@127.0.0.1:5432/postgres') : null;
  const s = await startServerProcess(db ? { DATABASE_URL: db.url } : {});
  const tok = ((await (await fetch(`${s.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'demo@cellardoor.local', password: 'cellardoor-demo' }) })).json()) as { token: string }).token;
  const dt = ((await (await fetch(`${s.url}/api/v1/devices`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tok}` }, body: JSON.stringify({ name: 'x' }) })).json()) as { deviceToken: string }).deviceToken;
  for (const c of ['customers', 'customer_tags', 'orders']) {
    const all = docs(c);
    const times: number[] = [];
    for (let i = 0; i < all.length; i += 500) {
      const rows = all.slice(i, i + 500).map((d) => ({ assumedMasterState: null, newDocumentState: d }));
      const a = performance.now();
      const r = await fetch(`${s.url}/sync/v1/${c}/push`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${dt}` }, body: JSON.stringify({ rows }) });
      await r.text();
      times.push(performance.now() - a);
    }
    console.log(kind, c, all.length, 'docs', times.map((t) => t.toFixed(0)).join(' '), 'ms per 500');
  }
  await s.stop(); await db?.drop();
}
