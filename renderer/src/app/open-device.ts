import { COLLECTION_NAMES, type DeviceCredentials } from '@cellardoor/shared';
import { type Observable, auditTime, merge } from 'rxjs';
import { openDatabase } from '../data/database';
import { ChangeRecorder } from '../data/record-change';
import { lastIssuedSeq } from '../device/sale-sequence';
import { clearCredentials } from '../platform/credentials';
import { browserStorage, deleteBrowserDatabases, requestPersistentStorage } from '../platform/storage';
import { needsAttention } from '../sync/attention';
import { pendingCounts } from '../sync/pending';
import { startSync } from '../sync/replicate';
import { rememberLastSync } from '../sync/last-sync';
import { useSyncStatus } from '../sync/status-store';
import type { AppServices } from './context';

export const databaseName = (c: DeviceCredentials) => `cellardoor-${c.tenantId}-${c.deviceId}`.toLowerCase();

/** Opens the enrolled device: its database, its write path, and live sync with the server. */
export async function openDevice(credentials: DeviceCredentials): Promise<AppServices> {
  const db = await openDatabase({ name: databaseName(credentials), storage: browserStorage() });
  const recorder = new ChangeRecorder(db, credentials.deviceId);
  const status = useSyncStatus.getState();
  let lastSeq = await lastIssuedSeq(db, credentials.deviceId);
  const refreshCounts = async () => {
    useSyncStatus.getState().setPending(await pendingCounts(db));
    useSyncStatus.getState().setRefusedCount((await needsAttention(db)).length);
    lastSeq = await lastIssuedSeq(db, credentials.deviceId);
  };
  const sync = startSync(
    db,
    { serverUrl: credentials.serverUrl, deviceToken: credentials.deviceToken, lastSeq: () => lastSeq },
    {
      pushable: (c) => credentials.role === 'MANAGER' || !['venues', 'staff', 'tag_definitions', 'products', 'events'].includes(c),
      onEvent: (e) => {
        useSyncStatus.getState().apply(e);
        if (e.type === 'pushed' || e.type === 'refused') void refreshCounts();
      },
    },
  );
  // Pending counts follow local writes, at most a few times a second: a first pull or a bulk
  // load writes thousands of documents, and recounting after each one would stall the tablet.
  merge(...COLLECTION_NAMES.map((c) => db.collections[c].$ as Observable<unknown>))
    .pipe(auditTime(200))
    .subscribe(() => void refreshCounts());
  await refreshCounts();
  await rememberLastSync(db);
  void requestPersistentStorage().then((s) => status.setStorage(s));
  return {
    db,
    recorder,
    credentials,
    sync,
    async unenrol() {
      await sync.stop();
      await db.remove();
      await deleteBrowserDatabases(databaseName(credentials));
      await clearCredentials();
    },
  };
}
