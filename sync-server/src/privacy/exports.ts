import { randomBytes } from 'node:crypto';
import { newId } from '@cellardoor/shared';
import { hashToken } from '../auth/tokens';
import type { Db, Queryable } from '../db/driver';
import { withTenant } from '../db/tenant-scope';
import { HttpError, notFound } from '../http/errors';
import { type AuditActor, recordAudit } from './audit';
import { buildArchive, collectGuestData } from './export-archive';

/** Exports and their download links expire this long after they are made. */
export const EXPORT_DAYS = 30;

export interface ExportStatus {
  exportId: string;
  customerId: string;
  status: 'READY' | 'FAILED' | 'EXPIRED' | 'ERASED';
  createdAt: string;
  expiresAt: string;
  sizeBytes: number | null;
  files: string[];
  /** A fresh download link (path and token), while the archive can still be downloaded. */
  downloadUrl: string | null;
}

/** Download tokens are random and stored hashed; they are never accepted as sign-in tokens. */
function newLinkToken(): string {
  return 'cdx_' + randomBytes(32).toString('base64url');
}

async function issueLink(tx: Queryable, tenantId: string, exportId: string, userId: string): Promise<string> {
  const token = newLinkToken();
  await tx.query('INSERT INTO customer_export_links (token_hash, tenant_id, export_id, created_by) VALUES ($1, $2, $3, $4)', [
    hashToken(token),
    tenantId,
    exportId,
    userId,
  ]);
  return `/api/v1/exports/${exportId}/download?token=${token}`;
}

/** Drops the archives of expired exports: a guest's data is not kept longer than its link lives. */
export async function purgeExpiredExports(tx: Queryable, tenantId: string | null): Promise<number> {
  const rows = await tx.query(
    `UPDATE customer_exports SET archive = NULL, status = 'EXPIRED'
      WHERE ($1::uuid IS NULL OR tenant_id = $1) AND expires_at <= now() AND status = 'READY' RETURNING id`,
    [tenantId],
  );
  await tx.query(
    `DELETE FROM customer_export_links l USING customer_exports e
      WHERE e.tenant_id = l.tenant_id AND e.id = l.export_id AND ($1::uuid IS NULL OR e.tenant_id = $1) AND e.status <> 'READY'`,
    [tenantId],
  );
  return rows.length;
}

/**
 * Builds a guest's GDPR/CCPA export in the request (it takes well under a second for a guest with
 * hundreds of sales) and keeps the zip in the database, where every server process can serve it.
 */
export async function createExport(db: Db, tenantId: string, actor: AuditActor & { userId: string }, customerId: string): Promise<ExportStatus> {
  return withTenant(db, tenantId, async (tx) => {
    await purgeExpiredExports(tx, tenantId);
    const [guest] = await tx.query<{ merged_into: string | null }>('SELECT merged_into FROM customers WHERE tenant_id = $1 AND id = $2 AND NOT deleted', [
      tenantId,
      customerId,
    ]);
    if (!guest) throw notFound('There is no such guest in this account.');
    if (guest.merged_into)
      throw new HttpError(409, 'CONFLICT', `This guest record was merged into ${guest.merged_into}; export that guest, whose export includes this record.`);
    const exportId = newId();
    const createdAt = new Date();
    const expiresAt = new Date(createdAt.getTime() + EXPORT_DAYS * 86_400_000);
    const data = await collectGuestData(tx, tenantId, customerId);
    const { zip, files } = await buildArchive(data, { exportId, customerId, createdAt: createdAt.toISOString(), expiresAt: expiresAt.toISOString() });
    await tx.query(
      `INSERT INTO customer_exports (tenant_id, id, customer_id, requested_by, created_at, expires_at, status, archive, size_bytes, files)
       VALUES ($1, $2, $3, $4, $5, $6, 'READY', $7, $8, $9::jsonb)`,
      [tenantId, exportId, customerId, actor.userId, createdAt, expiresAt, zip, zip.length, JSON.stringify(files)],
    );
    const downloadUrl = await issueLink(tx, tenantId, exportId, actor.userId);
    await recordAudit(tx, tenantId, actor, [
      {
        action: 'customer.export.create',
        customerIds: data.profile.map((p) => String(p.id)),
        details: { exportId, sizeBytes: zip.length, orders: data.orders.length, tags: data.tags.length, notes: data.notes.length },
      },
    ]);
    return {
      exportId,
      customerId,
      status: 'READY',
      createdAt: createdAt.toISOString(),
      expiresAt: expiresAt.toISOString(),
      sizeBytes: zip.length,
      files,
      downloadUrl,
    };
  });
}

export async function exportStatus(db: Db, tenantId: string, userId: string, exportId: string): Promise<ExportStatus> {
  return withTenant(db, tenantId, async (tx) => {
    await purgeExpiredExports(tx, tenantId);
    const [e] = await tx.query<{ customer_id: string; status: ExportStatus['status']; created_at: Date; expires_at: Date; size_bytes: number | null; files: string[] }>(
      'SELECT customer_id, status, created_at, expires_at, size_bytes, files FROM customer_exports WHERE tenant_id = $1 AND id = $2',
      [tenantId, exportId],
    );
    if (!e) throw notFound('There is no such export in this account.');
    return {
      exportId,
      customerId: e.customer_id,
      status: e.status,
      createdAt: e.created_at.toISOString(),
      expiresAt: e.expires_at.toISOString(),
      sizeBytes: e.size_bytes,
      files: e.files,
      downloadUrl: e.status === 'READY' ? await issueLink(tx, tenantId, exportId, userId) : null,
    };
  });
}

/**
 * The archive behind a download link. The token is the credential (a link can be handed to the
 * guest); it is looked up by its hash, then everything else runs inside the tenant's wall.
 */
export async function downloadExport(db: Db, exportId: string, token: string, ip: string): Promise<{ zip: Buffer; customerId: string }> {
  const [link] = await db.query<{ tenant_id: string; created_by: string | null }>(
    'SELECT tenant_id, created_by FROM customer_export_links WHERE token_hash = $1 AND export_id = $2',
    [hashToken(token), exportId],
  );
  if (!link) throw notFound('This download link is not valid.');
  return withTenant(db, link.tenant_id, async (tx) => {
    const [e] = await tx.query<{ customer_id: string; status: string; archive: Buffer | Uint8Array | null; expired: boolean }>(
      'SELECT customer_id, status, archive, expires_at <= now() AS expired FROM customer_exports WHERE tenant_id = $1 AND id = $2',
      [link.tenant_id, exportId],
    );
    if (!e) throw notFound('This download link is not valid.');
    if (e.expired || e.status === 'EXPIRED') throw new HttpError(410, 'GONE', `This download link has expired: exports are kept for ${EXPORT_DAYS} days. Ask for a new export.`);
    if (e.status === 'ERASED' || !e.archive) throw new HttpError(410, 'GONE', "This export was removed when the guest's data was erased.");
    await recordAudit(tx, link.tenant_id, { userId: null, deviceId: null }, [
      { action: 'customer.export.download', customerId: e.customer_id, details: { exportId, linkIssuedBy: link.created_by, ip } },
    ]);
    return { zip: Buffer.from(e.archive), customerId: e.customer_id };
  });
}
