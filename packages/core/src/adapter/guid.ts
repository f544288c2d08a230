/**
 * A random (v4) GUID, for ids a client makes before it writes (a booking's idempotency key).
 * From `getRandomValues`, not `randomUUID`: the latter exists only in secure contexts, and a CRM
 * on an intranet (a 1C publication, a boxed Bitrix24) is often served over plain `http://`.
 */
export function randomGuid(): string {
  const b = globalThis.crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
