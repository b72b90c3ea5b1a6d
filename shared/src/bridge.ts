/**
 * The one typed surface between the renderer and the desktop shell: `window.cellardoor`.
 * Its absence means the renderer runs in a plain browser, which every caller handles.
 */
export interface DeviceCredentials {
  serverUrl: string;
  tenantId: string;
  deviceId: string;
  deviceToken: string;
  deviceNumber: number;
  deviceName: string;
  venueId: string | null;
  role: 'STAFF' | 'MANAGER';
  enrolledAt: string;
}

export interface SaveFileRequest {
  suggestedName: string;
  /** File contents as text (CSV, JSON). */
  contents: string;
  filters?: Array<{ name: string; extensions: string[] }>;
}

export interface CellardoorBridge {
  readonly platform: 'electron';
  readonly version: string;
  /** Device credentials, encrypted at rest with the OS keychain (safeStorage). */
  credentials: {
    load(): Promise<DeviceCredentials | null>;
    save(c: DeviceCredentials): Promise<void>;
    clear(): Promise<void>;
  };
  /** Prints the given receipt HTML silently or with the system dialog; resolves when sent. */
  printReceipt(html: string): Promise<{ ok: boolean; error?: string }>;
  /** Saves a file through the system save dialog; resolves with the path or null if cancelled. */
  saveFile(req: SaveFileRequest): Promise<string | null>;
  /** Saves receipt HTML as a PDF through the system save dialog. */
  saveReceiptPdf(html: string, suggestedName: string): Promise<string | null>;
  kiosk: {
    get(): Promise<boolean>;
    set(on: boolean): Promise<void>;
  };
}

declare global {
  interface Window {
    cellardoor?: CellardoorBridge;
  }
}
