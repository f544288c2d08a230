import type { Language } from './languages.js';

/**
 * Numbers, money and dates through `Intl`, cached per language and options because widgets
 * format thousands of cells.
 */
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(lang: Language, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${lang}|${JSON.stringify(options)}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) {
    f = new Intl.NumberFormat(lang, options);
    cache.set(key, f);
  }
  return f;
}

function dateFormat(lang: Language, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${lang}|${JSON.stringify(options)}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) {
    f = new Intl.DateTimeFormat(lang, options);
    cache.set(key, f);
  }
  return f;
}

export function formatNumber(lang: Language, n: number, options: Intl.NumberFormatOptions = {}): string {
  return numberFormat(lang, options).format(n);
}

export function formatMoney(lang: Language, amount: number, currency = 'RUB'): string {
  try {
    return numberFormat(lang, { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
  } catch {
    // An unknown currency code from the CRM must not break a cell.
    return `${numberFormat(lang, { maximumFractionDigits: 2 }).format(amount)} ${currency}`;
  }
}

export function formatPercent(lang: Language, ratio: number, digits = 0): string {
  return numberFormat(lang, { style: 'percent', maximumFractionDigits: digits }).format(ratio);
}

export function formatDate(lang: Language, at: number, timeZone?: string): string {
  return dateFormat(lang, { dateStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(at);
}

export function formatDateTime(lang: Language, at: number, timeZone?: string): string {
  return dateFormat(lang, { dateStyle: 'short', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(at);
}

export function formatTime(lang: Language, at: number, timeZone?: string): string {
  return dateFormat(lang, { timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(at);
}

/** "5 minutes ago" style, for "data as of". */
export function formatRelative(lang: Language, at: number, now: number): string {
  const rtf = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  const seconds = Math.round((at - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 60) return rtf.format(seconds, 'second');
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(seconds / 3600), 'hour');
  return rtf.format(Math.round(seconds / 86400), 'day');
}

/** Call duration `m:ss` or `h:mm:ss`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
