import type { CliCommand } from '../cli';
import { withTenant } from '../db/tenant-scope';
import { recomputeSegments } from './recompute';

/** `recompute-segments <tenant-slug>`: run daily, since "last 30 days" and lifecycle drift without syncs. */
export const recomputeSegmentsCommand: CliCommand = {
  summary: "recompute a tenant's tag revenue, segment memberships and guest insights from scratch",
  usage: 'recompute-segments <tenant-slug>',
  async run(db, args) {
    const slug = args[0];
    if (!slug) throw new Error('recompute-segments needs a tenant slug');
    const [t] = await db.query<{ id: string }>('SELECT id FROM tenants WHERE slug = $1', [slug]);
    if (!t) throw new Error(`no tenant with slug ${slug}`);
    const started = Date.now();
    const result = await withTenant(db, t.id, async (tx) => {
      await tx.query(`SELECT set_config('statement_timeout', '0', true)`);
      return recomputeSegments(tx, t.id);
    });
    const moved = result.segments.reduce((s, c) => s + c.entered + c.exited, 0);
    return `recomputed ${slug} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${result.segments.length} segments, ${moved} membership changes, ${result.insightsWritten} insights written`;
  },
};
