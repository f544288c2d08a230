/**
 * A cell as exported: text, a number (kept a number in XLSX), a boolean, a `Date` (a date cell
 * in XLSX), or nothing. Strings are never evaluated: CSV guards them against formula
 * injection, XLSX stores them as inline strings.
 */
export type ExportCell = string | number | boolean | Date | null | undefined;

/**
 * One exported column. A `<crm-data-table>` column definition fits as is, so a widget exports
 * exactly what it shows.
 */
export interface ExportColumn<R> {
  readonly label: string;
  /** Declared as a method so sheets of different row types fit in one `toXlsx` call. */
  value(row: R): unknown;
  /** Character width hint for XLSX; ignored by CSV. */
  readonly exportWidth?: number;
}

/** Turns whatever a column's `value()` gave into an exportable cell. */
export function toExportCell(v: unknown): ExportCell {
  if (v === null || v === undefined) return v;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (Array.isArray(v)) return v.map((x) => String(toExportCell(x) ?? '')).join(', ');
  if (typeof v === 'object' && v !== null && 'amount' in v && typeof (v as { amount: unknown }).amount === 'number') {
    return (v as { amount: number }).amount;
  }
  return String(v);
}
