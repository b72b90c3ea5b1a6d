import { newId } from '@cellardoor/shared';
import { hashPassword } from '../auth/passwords';
import type { Role } from '../auth/principal';
import type { Db } from '../db/driver';
import { HttpError } from '../http/errors';

export interface NewTenant {
  name: string;
  slug: string;
  ownerEmail: string;
  ownerName: string;
  ownerPassword: string;
  ownerRole?: Role;
}

/** Creates a tenant and its first person in one transaction. */
export async function createTenant(db: Db, t: NewTenant): Promise<{ tenantId: string; userId: string }> {
  const tenantId = newId();
  const userId = newId();
  const passwordHash = await hashPassword(t.ownerPassword);
  await db.transaction(async (tx) => {
    const taken = await tx.query('SELECT 1 FROM tenants WHERE slug = $1 UNION ALL SELECT 1 FROM users WHERE email = $2', [t.slug, t.ownerEmail.toLowerCase()]);
    if (taken.length > 0) throw new HttpError(409, 'CONFLICT', `The tenant "${t.slug}" or the email ${t.ownerEmail} is already in use.`);
    await tx.query('INSERT INTO tenants (id, name, slug) VALUES ($1, $2, $3)', [tenantId, t.name, t.slug]);
    await tx.query('INSERT INTO users (tenant_id, id, email, name, role, password_hash) VALUES ($1, $2, $3, $4, $5, $6)', [
      tenantId,
      userId,
      t.ownerEmail.toLowerCase(),
      t.ownerName,
      t.ownerRole ?? 'OWNER',
      passwordHash,
    ]);
  });
  return { tenantId, userId };
}

export async function addUser(db: Db, tenantId: string, u: { email: string; name: string; role: Role; password: string }): Promise<string> {
  const id = newId();
  const hash = await hashPassword(u.password);
  const rows = await db.query(
    `INSERT INTO users (tenant_id, id, email, name, role, password_hash) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (email) DO NOTHING RETURNING id`,
    [tenantId, id, u.email.toLowerCase(), u.name, u.role, hash],
  );
  if (rows.length === 0) throw new HttpError(409, 'CONFLICT', `The email ${u.email} is already in use.`);
  return id;
}
