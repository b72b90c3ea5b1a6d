import { useEffect, useRef } from 'react';
import { ScanBuffer } from './scan-buffer';

/** Typing into a field belongs to the field, never to the scanner. */
function isTypingTarget(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  if (t.isContentEditable) return true;
  if (t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement) return true;
  if (t instanceof HTMLInputElement) return !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(t.type);
  return false;
}

/**
 * Listens for a keyboard-wedge scanner anywhere on the screen: a fast burst of keys ended by
 * Enter becomes `onScan(code)`. Keys typed into an input are left alone; the Enter ending a scan
 * is swallowed so it does not also press whichever button has focus.
 */
export function useBarcodeScanner(onScan: (code: string) => void): void {
  const latest = useRef(onScan);
  latest.current = onScan;
  useEffect(() => {
    const buffer = new ScanBuffer();
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) {
        buffer.reset();
        return;
      }
      const code = buffer.key(e.key, e.timeStamp);
      if (code !== null) {
        e.preventDefault();
        e.stopPropagation();
        latest.current(code);
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
