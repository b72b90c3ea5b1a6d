import { type CollectionName, STARTER_PRODUCTS, STARTER_TAGS, hashPin, newId } from '@cellardoor/shared';
import type { Db } from '../db/driver';
import { withTenant } from '../db/tenant-scope';
import { writeDocuments } from '../sync/write-documents';
import { createTenant } from './create-tenant';

export const DEMO = {
  slug: 'demo',
  name: 'Demo Winery',
  email: 'demo@cellardoor.local',
  password: 'cellardoor-demo',
} as const;

/** Staff the demo venue starts with, and their PINs (printed by `npm start`). */
export const DEMO_STAFF = [
  { name: 'Maya (manager)', role: 'MANAGER', pin: '9999' },
  { name: 'Leo', role: 'STAFF', pin: '1111' },
  { name: 'Ines', role: 'STAFF', pin: '2222' },
] as const;

/** Writes a venue's starting catalogue (venue, tags, products, staff, today's event). */
export async function seedVenueCatalogue(db: Db, tenantId: string, now = new Date()): Promise<{ venueId: string }> {
  const iso = now.toISOString();
  const venueId = newId();
  const stamp = { createdAt: iso, updatedAt: iso };
  const byType = new Map<string, string>();
  const tags = STARTER_TAGS.map(([tagType, tagValue, displayName, category, priority, color, allowMultiple, parent]) => {
    const id = newId();
    if (tagValue === null) byType.set(tagType, id);
    return { id, tagType, tagValue, displayName, description: null, category, parentId: parent ? byType.get(parent) ?? null : null, color, isActive: true, allowMultiple, priority, ...stamp };
  });
  const products = STARTER_PRODUCTS.map(([sku, name, category, priceCents, barcode]) => ({ id: newId(), sku, name, category, priceCents, isActive: true, barcode, ...stamp }));
  const staff = await Promise.all(
    DEMO_STAFF.map(async (s) => ({ id: newId(), name: s.name, role: s.role, isActive: true, pinHash: await hashPin(s.pin), ...stamp })),
  );
  const start = new Date(now);
  start.setUTCHours(0, 0, 0, 0);
  const events = [
    { name: 'Saturday Reserve Tasting', eventType: 'PUBLIC_EVENT', offsetH: 0, lengthH: 23, autoTag: true },
    { name: 'Wine Club Pickup', eventType: 'WINE_CLUB_PICKUP', offsetH: 24 * 7, lengthH: 6, autoTag: true },
  ].map((e) => ({
    id: newId(),
    venueId,
    eventType: e.eventType,
    name: e.name,
    startsAt: new Date(start.getTime() + e.offsetH * 3600_000).toISOString(),
    endsAt: new Date(start.getTime() + (e.offsetH + e.lengthH) * 3600_000).toISOString(),
    status: 'SCHEDULED',
    autoTagAttendees: e.autoTag,
    description: null,
    ...stamp,
  }));
  const venue = {
    id: venueId,
    name: 'Estate Tasting Room',
    timezone: 'America/Los_Angeles',
    taxRateBps: 875,
    receiptHeader: 'Demo Winery · Estate Tasting Room\n1 Vineyard Lane, Healdsburg CA',
    currency: 'USD',
    ...stamp,
  };
  const batches: Array<[CollectionName, Record<string, unknown>[]]> = [
    ['venues', [venue]],
    ['tag_definitions', tags],
    ['products', products],
    ['staff', staff],
    ['events', events],
  ];
  await withTenant(db, tenantId, async (tx) => {
    for (const [collection, docs] of batches)
      await writeDocuments(tx, tenantId, collection, docs.map((doc) => ({ doc, deleted: false })), null);
  });
  return { venueId };
}

/** Seeds the demo tenant once; later starts find it and leave it alone. */
export async function ensureDemoTenant(db: Db): Promise<{ created: boolean; tenantId: string }> {
  const existing = await db.query<{ id: string }>('SELECT id FROM tenants WHERE slug = $1', [DEMO.slug]);
  if (existing[0]) return { created: false, tenantId: existing[0].id };
  const { tenantId } = await createTenant(db, { name: DEMO.name, slug: DEMO.slug, ownerEmail: DEMO.email, ownerName: 'Demo Manager', ownerPassword: DEMO.password });
  await seedVenueCatalogue(db, tenantId);
  return { created: true, tenantId };
}
