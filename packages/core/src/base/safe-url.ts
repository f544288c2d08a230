/**
 * CRM data is untrusted: a record's URL may be `javascript:…`. Only http(s) URLs, relative
 * URLs resolved against the page, and `data:image/*` for pictures are ever opened or shown.
 */
export function safeLinkUrl(url: string | undefined | null, base: string = globalThis.location?.href ?? 'http://localhost/'): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url, base);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

export function safeImageUrl(url: string | undefined | null, base?: string): string | undefined {
  if (!url) return undefined;
  if (/^data:image\/(png|jpeg|gif|webp|svg\+xml);/i.test(url)) return url;
  return safeLinkUrl(url, base);
}
