/**
 * Inline SVG images as `data:` URLs, so the mock CRM needs no image host at all: employee
 * avatars from initials and apartment layouts from room counts. Text in an SVG is escaped and
 * the whole document is percent-encoded, so a name can never break out of the markup.
 */

const AVATAR_COLOURS = ['#2f6fd6', '#0f8a6c', '#b4451f', '#7a4cc2', '#a8741a', '#c2336a', '#3b7d2a', '#4d5b75'] as const;

function escapeXml(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] as string);
}

export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** A round avatar with up to two initials; the colour follows `key`, so it is stable. */
export function avatarDataUrl(initials: string, key: number): string {
  const colour = AVATAR_COLOURS[Math.abs(key) % AVATAR_COLOURS.length];
  const text = escapeXml(initials.slice(0, 2).toUpperCase());
  return svgDataUrl(
    `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">` +
      `<circle cx="32" cy="32" r="32" fill="${colour}"/>` +
      `<text x="32" y="40" font-family="sans-serif" font-size="24" font-weight="600" fill="#fff" text-anchor="middle">${text}</text>` +
      `</svg>`,
  );
}

const layoutCache = new Map<string, string>();

/**
 * A schematic floor plan: rooms as boxes along the facade, a kitchen and a bathroom. One
 * string per (type, rooms, levels), shared by every apartment of that layout.
 */
export function layoutDataUrl(type: string, rooms: number, levels: number): string {
  const key = `${type}:${rooms}:${levels}`;
  const cached = layoutCache.get(key);
  if (cached) return cached;
  const w = 240;
  const h = 160;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">`,
    `<rect x="2" y="2" width="${w - 4}" height="${h - 4}" fill="#fbfaf7" stroke="#333" stroke-width="4"/>`,
  ];
  if (type === 'commercial') {
    parts.push(`<rect x="10" y="10" width="${w - 20}" height="${h - 60}" fill="#e6eef8" stroke="#333" stroke-width="2"/>`);
    parts.push(`<rect x="10" y="${h - 44}" width="60" height="34" fill="#f1e7d8" stroke="#333" stroke-width="2"/>`);
    parts.push(`<text x="${w / 2}" y="70" font-family="sans-serif" font-size="16" text-anchor="middle">Торговое помещение</text>`);
  } else {
    const n = Math.max(1, rooms);
    const rw = (w - 20) / n;
    for (let i = 0; i < n; i++) {
      parts.push(`<rect x="${10 + i * rw}" y="10" width="${rw}" height="80" fill="#eef3e6" stroke="#333" stroke-width="2"/>`);
    }
    parts.push(`<rect x="10" y="96" width="100" height="54" fill="#f6ead6" stroke="#333" stroke-width="2"/>`);
    parts.push(`<rect x="116" y="96" width="50" height="54" fill="#dbe9f3" stroke="#333" stroke-width="2"/>`);
    parts.push(`<rect x="172" y="96" width="58" height="54" fill="#f4f4f4" stroke="#333" stroke-width="2"/>`);
    const label = rooms === 0 ? 'Студия' : `${rooms}-комн.`;
    parts.push(`<text x="${w / 2}" y="56" font-family="sans-serif" font-size="16" text-anchor="middle">${escapeXml(label)}${levels > 1 ? ', 2 уровня' : ''}</text>`);
  }
  parts.push('</svg>');
  const url = svgDataUrl(parts.join(''));
  layoutCache.set(key, url);
  return url;
}
