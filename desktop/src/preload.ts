import { contextBridge } from 'electron';

// The typed bridge (shared/src/bridge.ts) is exposed here; see the desktop README.
contextBridge.exposeInMainWorld('cellardoorShell', { platform: 'electron' });
