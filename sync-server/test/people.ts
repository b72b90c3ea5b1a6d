import { randomBytes } from 'node:crypto';
import { addUser, createTenant } from '../src/tenants/create-tenant';
import { DEMO, seedVenueCatalogue } from '../src/tenants/demo-seed';
import { Client, type TestServer, enrolDevice, managerClient } from './harness';

/** Everyone who can call the server for one tenant: the role matrix's callers. */
export interface TenantPeople {
  tenantId: string;
  slug: string;
  owner: Client;
  manager: Client;
  staff: Client;
  staffDevice: Client & { deviceId: string };
  managerDevice: Client & { deviceId: string };
  passwords: { owner: string; manager: string; staff: string };
  emails: { owner: string; manager: string; staff: string };
}

const PASSWORD = 'correct-horse-battery';

async function withDevices(tenantId: string, slug: string, owner: Client, server: TestServer, emails: TenantPeople['emails'], ownerPassword: string): Promise<TenantPeople> {
  const managerEmail = `manager-${slug}@example.test`;
  const staffEmail = `staff-${slug}@example.test`;
  await addUser(server.db, tenantId, { email: managerEmail, name: `Manager ${slug}`, role: 'MANAGER', password: PASSWORD });
  await addUser(server.db, tenantId, { email: staffEmail, name: `Staff ${slug}`, role: 'STAFF', password: PASSWORD });
  const manager = await managerClient(server.url, managerEmail, PASSWORD);
  const staff = await managerClient(server.url, staffEmail, PASSWORD);
  const sd = await enrolDevice(owner, `Staff tablet ${slug}`);
  const md = await enrolDevice(owner, `Manager tablet ${slug}`, { role: 'MANAGER' });
  return {
    tenantId,
    slug,
    owner,
    manager,
    staff,
    staffDevice: Object.assign(sd.client, { deviceId: sd.deviceId }),
    managerDevice: Object.assign(md.client, { deviceId: md.deviceId }),
    passwords: { owner: ownerPassword, manager: PASSWORD, staff: PASSWORD },
    emails: { ...emails, manager: managerEmail, staff: staffEmail },
  };
}

/** The demo tenant (its owner is the demo login) with a manager, a staff login and two tablets. */
export async function demoPeople(server: TestServer): Promise<TenantPeople> {
  const [t] = await server.db.query<{ id: string }>('SELECT id FROM tenants WHERE slug = $1', [DEMO.slug]);
  const owner = await managerClient(server.url);
  return withDevices(t!.id, 'demo', owner, server, { owner: DEMO.email, manager: '', staff: '' }, DEMO.password);
}

/** Another winery on the same server, with its own catalogue, people and tablets. */
export async function otherTenant(server: TestServer, name = 'Hillside Cellars'): Promise<TenantPeople> {
  const slug = `t${randomBytes(4).toString('hex')}`;
  const ownerEmail = `owner-${slug}@example.test`;
  const { tenantId } = await createTenant(server.db, { name, slug, ownerEmail, ownerName: 'Owner', ownerPassword: PASSWORD });
  await seedVenueCatalogue(server.db, tenantId);
  const owner = await managerClient(server.url, ownerEmail, PASSWORD);
  return withDevices(tenantId, slug, owner, server, { owner: ownerEmail, manager: '', staff: '' }, PASSWORD);
}

type Doc = Record<string, unknown>;

/** Push rows as a device that has never seen the documents. */
export const asNew = (docs: Doc[]) => ({ rows: docs.map((d) => ({ assumedMasterState: null, newDocumentState: { ...d, _deleted: false } })) });

/** Every document of a collection a device can pull, following checkpoints to the end. */
export async function pullAll(c: Client, collection: string, limit = 500): Promise<Doc[]> {
  const out: Doc[] = [];
  let checkpoint: string | null = null;
  for (;;) {
    const q: string = `/sync/v1/${collection}/pull?limit=${limit}${checkpoint ? `&checkpoint=${encodeURIComponent(checkpoint)}` : ''}`;
    const res = await c.get<{ documents: Doc[]; checkpoint: string | null }>(q);
    if (res.status !== 200) throw new Error(`pull ${collection}: ${res.status} ${JSON.stringify(res.body)}`);
    out.push(...res.body.documents);
    checkpoint = res.body.checkpoint;
    if (res.body.documents.length < limit) return out;
  }
}
