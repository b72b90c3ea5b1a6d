import type { DeviceCredentials } from '@cellardoor/shared';
import { createContext, useContext } from 'react';
import type { CellardoorDatabase } from '../data/database';
import type { ChangeRecorder } from '../data/record-change';
import type { SyncController } from '../sync/replicate';

/** What every screen needs: the device's database, its one write path, and its sync. */
export interface AppServices {
  db: CellardoorDatabase;
  recorder: ChangeRecorder;
  credentials: DeviceCredentials;
  sync: SyncController;
  /** Stops sync, closes the database, forgets the credentials, removes local data. */
  unenrol(): Promise<void>;
}

export const AppContext = createContext<AppServices | null>(null);

export function useApp(): AppServices {
  const s = useContext(AppContext);
  if (!s) throw new Error('useApp outside an enrolled device');
  return s;
}
