// Runs sandboxed before the renderer: it can reach only `electron`'s renderer modules.
import { contextBridge, ipcRenderer } from 'electron';
import { exposeBridge } from './bridge/create-bridge';

exposeBridge(contextBridge, ipcRenderer, process.argv);
