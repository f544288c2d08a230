import { en } from '../i18n/en.js';
import { normalizeLanguage, type Language } from '../i18n/languages.js';
import { ru } from '../i18n/ru.js';
import { toExportCell, type ExportCell, type ExportColumn } from './types.js';
import { wallClock } from './wall-clock.js';

export interface CsvOptions {
  /**
   * Language of the spreadsheet that opens the file. Russian Excel splits on `;` and reads
   * `1,5` as a number, English Excel splits on `,` and reads `1.5`. Default `ru`.
   */
  readonly lang?: string;
  /** Time zone for date cells, default the browser's. */
  readonly timeZone?: string;
  /** Row separator; CRLF (RFC 4180) by default, which every spreadsheet accepts. */
  readonly newline?: '\r\n' | '\n';
  /** Add the UTF-8 byte-order mark (default true): without it Excel reads Cyrillic as mojibake. */
  readonly bom?: boolean;
}

/** The separator Excel expects for a language: `;` for Russian (decimal comma), `,` for English. */
export function csvSeparator(lang: Language): ';' | ',' {
  return lang === 'ru' ? ';' : ',';
}

/**
 * Characters that make Excel, LibreOffice or Google Sheets read a cell as a formula (OWASP
 * "CSV injection"). CRM text is untrusted, so such a cell gets a leading apostrophe, which
 * spreadsheets show as text and hide.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Quotes a field when it holds the separator, a quote, or a line break (RFC 4180). */
export function csvField(text: string, separator: string): string {
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function formatCell(cell: ExportCell, lang: Language, timeZone: string | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return '';
    const text = String(cell);
    return lang === 'ru' ? text.replace('.', ',') : text;
  }
  if (typeof cell === 'boolean') return (lang === 'ru' ? ru : en)[cell ? 'yes' : 'no'];
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return '';
    const w = wallClock(cell, timeZone);
    const y = w.getUTCFullYear();
    const mo = pad(w.getUTCMonth() + 1);
    const d = pad(w.getUTCDate());
    const date = lang === 'ru' ? `${d}.${mo}.${y}` : `${y}-${mo}-${d}`;
    const h = w.getUTCHours();
    const m = w.getUTCMinutes();
    return h === 0 && m === 0 ? date : `${date} ${pad(h)}:${pad(m)}`;
  }
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/**
 * Rows as CSV text for Excel: UTF-8 BOM, a header row of column labels, `;` and decimal commas
 * for Russian, `,` for English, RFC 4180 quoting, and a guard against formula injection.
 * Dates print as the language's short form (`25.11.2025 14:30`; midnight prints the date only).
 */
export function toCsv<R>(rows: readonly R[], columns: readonly ExportColumn<R>[], options: CsvOptions = {}): string {
  const lang = normalizeLanguage(options.lang ?? 'ru');
  const sep = csvSeparator(lang);
  const nl = options.newline ?? '\r\n';
  const line = (cells: readonly ExportCell[]): string =>
    cells.map((c) => csvField(formatCell(c, lang, options.timeZone), sep)).join(sep);
  const out: string[] = [line(columns.map((c) => c.label))];
  for (const row of rows) out.push(line(columns.map((c) => toExportCell(c.value(row)))));
  return (options.bom === false ? '' : '\uFEFF') + out.join(nl) + nl;
}
