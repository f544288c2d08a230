import type { ExportColumn } from './types.js';

/*
 * The parts of XLSX export a widget needs up front, kept apart from the writer (`xlsx.ts`), which
 * pulls in the zip library and is loaded only when a person actually exports (`downloadXlsx`).
 */

export interface XlsxSheet<R> {
  /** Sheet tab name; cleaned of `[]:*?/\`, cut to 31 characters and made unique. */
  readonly name: string;
  readonly rows: readonly R[];
  readonly columns: readonly ExportColumn<R>[];
}

export interface XlsxOptions {
  /** Wall clock for date cells (Excel dates have no zone). Default the browser's zone. */
  readonly timeZone?: string;
}

/** Builds a sheet with the row type inferred from its columns. */
export function xlsxSheet<R>(name: string, rows: readonly R[], columns: readonly ExportColumn<R>[]): XlsxSheet<R> {
  return { name, rows, columns };
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_MIME = 'text/csv;charset=utf-8';
