import { requestPersistentStorage } from '../platform/storage';
import { useSyncStatus } from '../sync/status-store';

/** Whether the browser promised to keep this tablet's data (persistent storage), in plain words. */
export function StorageStatus() {
  const storage = useSyncStatus((s) => s.storage);
  const setStorage = useSyncStatus((s) => s.setStorage);
  const ask = async () => setStorage(await requestPersistentStorage());
  if (storage === 'granted')
    return (
      <p className="notice ok" data-testid="storage-status">
        Storage is persistent: the browser will not clear this tablet's unsent sales to free space.
      </p>
    );
  if (storage === 'unknown') return <p className="hint" data-testid="storage-status">Checking whether storage is persistent…</p>;
  return (
    <div className="notice warn stack" role="alert" data-testid="storage-status">
      <span>
        {storage === 'refused'
          ? 'The browser refused persistent storage: under storage pressure it may clear offline data, including unsent sales.'
          : 'This browser cannot promise to keep offline data.'}{' '}
        Sync often, install Cellardoor as the desktop app, or allow this site to store data (bookmarking it or installing it usually does).
      </span>
      <button className="btn" onClick={() => void ask()}>
        Ask the browser again
      </button>
    </div>
  );
}
