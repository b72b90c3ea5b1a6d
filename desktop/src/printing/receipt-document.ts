import type { BrowserWindowConstructorOptions, PrintToPDFOptions, WebContentsPrintOptions } from 'electron';
import { receiptWebPreferences } from '../security/web-preferences';

/**
 * A receipt may style itself and show data: images (a logo) and nothing else: it cannot load
 * from the network, so printing never waits on Wi-Fi and a receipt cannot call anywhere.
 */
export const RECEIPT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

/** The receipt as a data: URL, with its policy placed in <head> so the page keeps its doctype. */
export function receiptDataUrl(html: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${RECEIPT_CSP}">`;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  const doctype = /^\s*<!doctype[^>]*>/i.exec(html);
  let withPolicy: string;
  if (head) withPolicy = html.slice(0, head.index + head[0].length) + meta + html.slice(head.index + head[0].length);
  else if (doctype) withPolicy = doctype[0] + meta + html.slice(doctype[0].length);
  else withPolicy = meta + html;
  return `data:text/html;charset=utf-8;base64,${Buffer.from(withPolicy, 'utf8').toString('base64')}`;
}

export interface ReceiptWindow {
  loadURL(url: string): Promise<void>;
  webContents: {
    print(options: WebContentsPrintOptions, callback: (success: boolean, failureReason: string) => void): void;
    printToPDF(options: PrintToPDFOptions): Promise<Buffer>;
  };
  destroy(): void;
}

export type OpenWindow<W> = (options: BrowserWindowConstructorOptions) => W;

export const RECEIPT_WINDOW_OPTIONS: BrowserWindowConstructorOptions = {
  show: false,
  width: 400,
  height: 800,
  webPreferences: receiptWebPreferences(),
};

/** Loads the receipt in a hidden window, hands it to `use`, and always closes the window. */
export async function withReceiptWindow<T>(open: OpenWindow<ReceiptWindow>, html: string, use: (window: ReceiptWindow) => Promise<T>): Promise<T> {
  const window = open(RECEIPT_WINDOW_OPTIONS);
  try {
    await window.loadURL(receiptDataUrl(html));
    return await use(window);
  } finally {
    window.destroy();
  }
}
