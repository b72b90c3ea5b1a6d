import { useEffect, useState } from 'react';
import { useApp } from '../app/context';
import { useSyncStatus } from '../sync/status-store';
import { unsentCount } from '../sync/unsent';

/** Live number of documents on this tablet the server has not accepted (pending or refused). */
export function useUnsentCount(): number | null {
  const { db } = useApp();
  const pending = useSyncStatus((s) => s.pending);
  const refused = useSyncStatus((s) => s.refusedCount);
  const [n, setN] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    void unsentCount(db).then((c) => live && setN(c));
    return () => {
      live = false;
    };
  }, [db, pending, refused]);
  return n;
}
