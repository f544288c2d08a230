/**
 * Saves data as a file through a temporary object URL and an `<a download>` click. Everything
 * happens in the browser: nothing is uploaded anywhere.
 */
export function downloadBlob(data: string | Uint8Array | Blob, fileName: string, mime: string): void {
  const blob = data instanceof Blob ? data : new Blob([data as BlobPart], { type: mime });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  try {
    a.click();
  } finally {
    a.remove();
    // Some browsers read the URL after the click handler returns.
    setTimeout(() => URL.revokeObjectURL(url), 30_000);
  }
}

/** A file name safe on every OS: no path separators or reserved characters, at most 120 chars. */
export function safeFileName(name: string, extension: string): string {
  // eslint-disable-next-line no-control-regex
  const base = name.replace(/[\u0000-\u001f<>:"/\\|?*]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 120) || 'export';
  return `${base}.${extension.replace(/^\./, '')}`;
}
