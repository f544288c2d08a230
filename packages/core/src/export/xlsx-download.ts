import { downloadBlob } from './download.js';
import { XLSX_MIME, type XlsxOptions, type XlsxSheet } from './xlsx-sheet.js';

/**
 * The .xlsx bytes of the sheets, like `toXlsx`, but with the writer and its zip library imported
 * on the first call, so they never count against a widget's size before first render.
 */
export async function xlsxBytes(sheets: readonly XlsxSheet<unknown>[], options: XlsxOptions = {}): Promise<Uint8Array> {
  const { toXlsx } = await import('./xlsx.js');
  return toXlsx(sheets, options);
}

/** Writes the sheets as an .xlsx file and saves it (the writer is loaded on first use, as in {@link xlsxBytes}). */
export async function downloadXlsx(sheets: readonly XlsxSheet<unknown>[], fileName: string, options: XlsxOptions = {}): Promise<void> {
  downloadBlob(await xlsxBytes(sheets, options), fileName, XLSX_MIME);
}
