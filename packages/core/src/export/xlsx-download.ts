import { downloadBlob } from './download.js';
import { XLSX_MIME, type XlsxOptions, type XlsxSheet } from './xlsx-sheet.js';

/**
 * Writes the sheets as an .xlsx file and saves it. The writer and its zip library are imported
 * on the first export, so they never count against a widget's size before first render.
 */
export async function downloadXlsx(sheets: readonly XlsxSheet<unknown>[], fileName: string, options: XlsxOptions = {}): Promise<void> {
  const { toXlsx } = await import('./xlsx.js');
  downloadBlob(toXlsx(sheets, options), fileName, XLSX_MIME);
}
