import { originOf } from '../app-origin';

export interface SenderFrame {
  url: string;
  parent: unknown;
}

/**
 * Only the app's own top-level page may call the shell: not a frame inside it, not a page it was
 * tricked into navigating to, not a frame that has already gone away (senderFrame null).
 */
export function isTrustedSender(event: { senderFrame: SenderFrame | null }, appOrigin: string): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return originOf(frame.url) === appOrigin;
}
