/**
 * The demo's address is public interface: `?adapter=bitrix24&webhook=<url>` and
 * `?adapter=1c&odata=<url>&mapping=<url>` run every widget on a real CRM. Everything else has
 * defaults, so the bare address shows the built-in mock CRM.
 */
export const ADAPTER_KINDS = ['mock', 'bitrix24', '1c'] as const;
export type DemoAdapterKind = (typeof ADAPTER_KINDS)[number];

export const SCALES = ['small', 'default', 'large'] as const;
export type DemoScale = (typeof SCALES)[number];

export const THEMES = ['auto', 'light', 'dark'] as const;
export type DemoTheme = (typeof THEMES)[number];

export interface DemoParams {
  readonly adapter: DemoAdapterKind;
  readonly scale: DemoScale;
  readonly lang: 'ru' | 'en';
  readonly theme: DemoTheme;
  readonly webhook?: string;
  readonly odata?: string;
  readonly mapping?: string;
  /** A client for the timeline and counters, `contact:5` or `company:12`. */
  readonly entity?: string;
  readonly seed: number;
}

function pick<T extends string>(allowed: readonly T[], value: string | null, fallback: T): T {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

export function readParams(search: string = location.search): DemoParams {
  const q = new URLSearchParams(search);
  const seed = Number.parseInt(q.get('seed') ?? '', 10);
  return {
    adapter: pick(ADAPTER_KINDS, q.get('adapter'), 'mock'),
    scale: pick(SCALES, q.get('scale'), 'default'),
    lang: pick(['ru', 'en'] as const, q.get('lang'), 'ru'),
    theme: pick(THEMES, q.get('theme'), 'auto'),
    webhook: q.get('webhook') ?? undefined,
    odata: q.get('odata') ?? undefined,
    mapping: q.get('mapping') ?? undefined,
    entity: q.get('entity') ?? undefined,
    seed: Number.isFinite(seed) ? seed : 1,
  };
}

/** The same address with some parameters changed, for the switches (a reload keeps state shareable). */
export function withParams(changes: Record<string, string | undefined>, search: string = location.search): string {
  const q = new URLSearchParams(search);
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) q.delete(k);
    else q.set(k, v);
  }
  const s = q.toString();
  return `${location.pathname}${s ? `?${s}` : ''}`;
}
