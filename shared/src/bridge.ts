import { z } from 'zod';

/**
 * The one typed surface between the renderer and the desktop shell: `window.cellardoor`.
 * Its absence means the renderer runs in a plain browser, which every caller handles.
 * The schemas are what the shell checks every call against before it acts on it.
 */
export const deviceCredentialsSchema = z.strictObject({
  serverUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) address' }).max(2048),
  tenantId: z.string().min(1).max(64),
  deviceId: z.string().min(1).max(64),
  deviceToken: z.string().min(16).max(512),
  deviceNumber: z.number().int().positive(),
  deviceName: z.string().min(1).max(100),
  venueId: z.string().min(1).max(64).nullable(),
  role: z.enum(['STAFF', 'MANAGER']),
  enrolledAt: z.iso.datetime({ offset: true }),
});
export type DeviceCredentials = z.infer<typeof deviceCredentialsSchema>;

/** Receipts are small; the cap keeps a receipt within what a window can load from a data: URL. */
export const RECEIPT_HTML_MAX_BYTES = 1_000_000;
export const receiptHtmlSchema = z
  .string()
  .min(1)
  .refine((html) => new TextEncoder().encode(html).length <= RECEIPT_HTML_MAX_BYTES, `must be at most ${RECEIPT_HTML_MAX_BYTES} bytes`);

/** A file name the user may change in the save dialog; never a path. */
export const suggestedFileNameSchema = z
  .string()
  .min(1)
  .max(200)
  .refine((name) => !/[/\\]/.test(name), 'must be a file name, not a path');

export const saveFileRequestSchema = z.strictObject({
  suggestedName: suggestedFileNameSchema,
  /** File contents as text (CSV, JSON). */
  contents: z.string().max(200_000_000),
  filters: z
    .array(z.strictObject({ name: z.string().min(1).max(100), extensions: z.array(z.string().regex(/^[A-Za-z0-9]{1,10}$/)).min(1).max(10) }))
    .max(10)
    .optional(),
});
export type SaveFileRequest = z.infer<typeof saveFileRequestSchema>;

/** Where receipts print: a named system printer (or the default) and whether to skip the print dialog. */
export const receiptPrinterSettingSchema = z.strictObject({
  deviceName: z.string().min(1).max(300).nullable(),
  silent: z.boolean(),
});
export type ReceiptPrinterSetting = z.infer<typeof receiptPrinterSettingSchema>;

export interface PrinterInfo {
  /** The system name, which is what `ReceiptPrinterSetting.deviceName` takes. */
  name: string;
  displayName: string;
  description: string;
}

/** Whether the device token can be kept encrypted by the operating system on this computer. */
export type CredentialStorage = { available: true } | { available: false; reason: string };

export interface CellardoorBridge {
  readonly platform: 'electron';
  readonly version: string;
  /** Device credentials, encrypted at rest with the OS keychain (safeStorage). */
  credentials: {
    load(): Promise<DeviceCredentials | null>;
    save(c: DeviceCredentials): Promise<void>;
    clear(): Promise<void>;
    /** Asked before enrolling: a computer without a keychain cannot keep a device token. */
    storage(): Promise<CredentialStorage>;
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
  /** The printer receipts go to, kept by the shell for this computer. */
  receiptPrinter: {
    get(): Promise<ReceiptPrinterSetting>;
    set(setting: ReceiptPrinterSetting): Promise<void>;
    list(): Promise<PrinterInfo[]>;
  };
}

declare global {
  interface Window {
    cellardoor?: CellardoorBridge;
  }
}
