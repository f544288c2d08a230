import { strToU8, zipSync } from 'fflate';
import { toExportCell, type ExportCell, type ExportColumn } from './types.js';
import { wallClock } from './wall-clock.js';
import type { XlsxOptions, XlsxSheet } from './xlsx-sheet.js';

export * from './xlsx-sheet.js';

/**
 * A minimal, real XLSX writer (Office Open XML SpreadsheetML) zipped with `fflate`. Not SheetJS:
 * its npm releases were abandoned with open advisories. Strings are inline strings (never
 * formulas), numbers stay numbers, dates are date serials with a date format, the header row is
 * bold and frozen.
 */
/** Characters XML 1.0 forbids (C0 controls other than tab/LF/CR, U+FFFE/FFFF, lone surrogates). */
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text for XML content and attributes, dropping characters XML cannot carry. */
const NEEDS_ESCAPE = /[&<>"'\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
// eslint-disable-next-line no-control-regex
const ESCAPE_ALL = /[&<>"']|[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlEscape(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  // One pass: markup characters become entities, characters XML cannot carry disappear.
  return text.replace(ESCAPE_ALL, (ch) => ESCAPES[ch] ?? '');
}

/** `0 → A`, `25 → Z`, `26 → AA`. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Excel sheet names: no `[]:*?/\`, at most 31 characters, unique, not empty. */
export function sheetNames(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((raw, i) => {
    const base = raw.replace(/[[\]:*?/\\]/g, ' ').replace(INVALID_XML, '').trim().slice(0, 31) || `Sheet${i + 1}`;
    let name = base;
    for (let k = 2; used.has(name.toLowerCase()); k++) name = `${base.slice(0, 31 - String(k).length - 3)} (${k})`;
    used.add(name.toLowerCase());
    return name;
  });
}

/** Excel's day serial (days since 1899-12-30) of an instant's wall clock in a time zone. */
export function excelSerial(date: Date, timeZone?: string): number {
  return wallClock(date, timeZone).getTime() / 86_400_000 + 25_569;
}

/** Style indexes in styles.xml below. */
const STYLE_DATE = 1;
const STYLE_DATETIME = 2;
const STYLE_HEADER = 3;

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

function cellXml(ref: string, cell: ExportCell, timeZone: string | undefined, style?: number): string {
  const s = style !== undefined ? ` s="${style}"` : '';
  if (cell === null || cell === undefined || cell === '') return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? `<c r="${ref}"${s}><v>${cell}</v></c>` : '';
  if (typeof cell === 'boolean') return `<c r="${ref}"${s} t="b"><v>${cell ? 1 : 0}</v></c>`;
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return '';
    const serial = excelSerial(cell, timeZone);
    const whole = Number.isInteger(serial);
    return `<c r="${ref}" s="${whole ? STYLE_DATE : STYLE_DATETIME}"><v>${Math.round(serial * 86_400) / 86_400}</v></c>`;
  }
  const text = xmlEscape(cell);
  const space = /^\s|\s$|\n/.test(text) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${text}</t></is></c>`;
}

function sheetXml<R>(sheet: XlsxSheet<R>, timeZone: string | undefined): string {
  const letters = sheet.columns.map((_, i) => columnLetter(i));
  const parts: string[] = [XML_HEAD, `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">`];
  parts.push('<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>');
  if (sheet.columns.length) {
    parts.push('<cols>');
    sheet.columns.forEach((c, i) => {
      const width = c.exportWidth ?? Math.min(60, Math.max(10, c.label.length + 2));
      parts.push(`<col min="${i + 1}" max="${i + 1}" width="${width}" customWidth="1"/>`);
    });
    parts.push('</cols>');
  }
  parts.push('<sheetData>');
  parts.push(`<row r="1">${sheet.columns.map((c, i) => cellXml(`${letters[i]}1`, c.label, timeZone, STYLE_HEADER)).join('')}</row>`);
  sheet.rows.forEach((row, r) => {
    const n = r + 2;
    const cells = sheet.columns.map((c, i) => cellXml(`${letters[i]}${n}`, toExportCell(c.value(row)), timeZone)).join('');
    parts.push(`<row r="${n}">${cells}</row>`);
  });
  parts.push('</sheetData></worksheet>');
  return parts.join('');
}

const STYLES_XML =
  XML_HEAD +
  `<styleSheet xmlns="${NS_MAIN}">` +
  '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd.mm.yyyy hh:mm"/></numFmts>' +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="4">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '</cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

/**
 * Builds an `.xlsx` file from one or more sheets. Returns the zip bytes; hand them to
 * {@link downloadBlob} with {@link XLSX_MIME}.
 */
export function toXlsx(sheets: readonly XlsxSheet<unknown>[], options: XlsxOptions = {}): Uint8Array {
  const list = sheets.length ? sheets : [{ name: 'Sheet1', rows: [], columns: [] }];
  const names = sheetNames(list.map((s) => s.name));
  const files: Record<string, Uint8Array> = {};
  files['[Content_Types].xml'] = strToU8(
    XML_HEAD +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      list
        .map(
          (_, i) =>
            `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        )
        .join('') +
      '</Types>',
  );
  files['_rels/.rels'] = strToU8(
    XML_HEAD +
      `<Relationships xmlns="${NS_PKG_REL}">` +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
      '</Relationships>',
  );
  files['xl/workbook.xml'] = strToU8(
    XML_HEAD +
      `<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><sheets>` +
      names.map((n, i) => `<sheet name="${xmlEscape(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
      '</sheets></workbook>',
  );
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    XML_HEAD +
      `<Relationships xmlns="${NS_PKG_REL}">` +
      list
        .map(
          (_, i) =>
            `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
        )
        .join('') +
      `<Relationship Id="rId${list.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
      '</Relationships>',
  );
  files['xl/styles.xml'] = strToU8(STYLES_XML);
  list.forEach((sheet, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheetXml(sheet, options.timeZone));
  });
  return zipSync(files, { level: 6 });
}

