/**
 * Files the manager saves (catalogue CSV, unsent documents): the desktop shell's save dialog when
 * there is one, else a download from the browser. Returns where it went, or null if cancelled.
 */
export async function saveTextFile(req: { suggestedName: string; contents: string; mimeType: string; filter: { name: string; extensions: string[] } }): Promise<string | null> {
  if (window.cellardoor) return window.cellardoor.saveFile({ suggestedName: req.suggestedName, contents: req.contents, filters: [req.filter] });
  return saveBlob(new Blob([req.contents], { type: req.mimeType }), req.suggestedName);
}

/** A browser download of a file made in the page (a receipt PDF); says where it went. */
export function saveBlob(blob: Blob, suggestedName: string): string {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = suggestedName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started by now; the object URL can go once the browser has read it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return `your Downloads folder (${suggestedName})`;
}
