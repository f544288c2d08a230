import { expect } from '@open-wc/testing';
import { strFromU8, unzipSync } from 'fflate';
import { columnLetter, csvField, downloadBlob, excelSerial, safeFileName, sheetNames, toCsv, toXlsx, xlsxSheet, xmlEscape, type ExportColumn } from './index.js';

interface Row {
  readonly name: string;
  readonly amount: number;
  readonly paid: boolean;
  readonly at?: Date;
}

const columns: readonly ExportColumn<Row>[] = [
  { label: 'Клиент', value: (r) => r.name },
  { label: 'Сумма', value: (r) => r.amount },
  { label: 'Оплачено', value: (r) => r.paid },
  { label: 'Дата', value: (r) => r.at },
];

describe('toCsv', () => {
  it('writes a UTF-8 BOM, a header, `;` and decimal commas for Russian', () => {
    const csv = toCsv([{ name: 'ООО «Ромашка»', amount: 1500.5, paid: true }], columns, { lang: 'ru' });
    expect(csv.charCodeAt(0)).to.equal(0xfeff);
    expect(csv.slice(1)).to.equal('Клиент;Сумма;Оплачено;Дата\r\nООО «Ромашка»;1500,5;Да;\r\n');
  });

  it('uses `,` and decimal points for English', () => {
    const csv = toCsv([{ name: 'Acme', amount: 1500.5, paid: false }], columns, { lang: 'en' });
    expect(csv).to.equal('\uFEFFКлиент,Сумма,Оплачено,Дата\r\nAcme,1500.5,No,\r\n');
  });

  it('quotes separators, quotes and line breaks', () => {
    const rows: Row[] = [
      { name: 'a;b', amount: 1, paid: false },
      { name: 'say "hi"', amount: 2, paid: false },
      { name: 'two\nlines', amount: 3, paid: false },
      { name: 'a,b', amount: 4, paid: false },
    ];
    const lines = toCsv(rows, columns.slice(0, 1), { lang: 'ru', bom: false }).split('\r\n');
    expect(lines).to.deep.equal(['Клиент', '"a;b"', '"say ""hi"""', '"two\nlines"', 'a,b', '']);
    const en = toCsv(rows.slice(3), columns.slice(0, 1), { lang: 'en', bom: false });
    expect(en).to.equal('Клиент\r\n"a,b"\r\n');
    expect(csvField('plain', ';')).to.equal('plain');
  });

  it('guards cells that a spreadsheet would run as formulas, but not negative numbers', () => {
    const evil = ['=HYPERLINK("http://x","y")', '+7 999', '-1+1', '@SUM(A1)', '\tcmd', '\rcmd'];
    const rows = evil.map((name, i) => ({ name, amount: -i, paid: false }));
    const csv = toCsv(rows, columns.slice(0, 2), { lang: 'en', bom: false, newline: '\n' });
    expect(csv.split('\n').slice(1, -1)).to.deep.equal([
      `"'=HYPERLINK(""http://x"",""y"")",0`,
      `'+7 999,-1`,
      `'-1+1,-2`,
      `'@SUM(A1),-3`,
      `'\tcmd,-4`,
      `"'\rcmd",-5`,
    ]);
  });

  it('prints dates on the given wall clock, midnight as the date only', () => {
    const rows: Row[] = [
      { name: 'x', amount: 0, paid: false, at: new Date(Date.UTC(2025, 10, 25, 11, 30)) },
      { name: 'y', amount: 0, paid: false, at: new Date(Date.UTC(2025, 10, 24, 21, 0)) },
    ];
    const ru = toCsv(rows, columns.slice(3), { lang: 'ru', bom: false, timeZone: 'Europe/Moscow' });
    expect(ru).to.equal('Дата\r\n25.11.2025 14:30\r\n25.11.2025\r\n');
    const en = toCsv(rows.slice(0, 1), columns.slice(3), { lang: 'en', bom: false, timeZone: 'UTC' });
    expect(en).to.equal('Дата\r\n2025-11-25 11:30\r\n');
  });

  it('writes only the header for no rows', () => {
    expect(toCsv([], columns, { lang: 'ru', bom: false })).to.equal('Клиент;Сумма;Оплачено;Дата\r\n');
  });
});

describe('toXlsx', () => {
  const unzip = (bytes: Uint8Array): Record<string, string> =>
    Object.fromEntries(Object.entries(unzipSync(bytes)).map(([k, v]) => [k, strFromU8(v)]));

  it('is a zip with the Office Open XML parts', () => {
    const files = unzip(toXlsx([xlsxSheet('Сделки', [], columns)]));
    expect(Object.keys(files).sort()).to.deep.equal([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
    ]);
    expect(files['xl/workbook.xml']).to.contain('<sheet name="Сделки" sheetId="1" r:id="rId1"/>');
    expect(files['[Content_Types].xml']).to.contain('/xl/worksheets/sheet1.xml');
    expect(files['xl/_rels/workbook.xml.rels']).to.contain('Target="styles.xml"');
  });

  it('keeps numbers as numbers, booleans as booleans and dates as styled serials', () => {
    const rows: Row[] = [{ name: 'A', amount: 1500.25, paid: true, at: new Date(Date.UTC(2025, 10, 25, 12, 0)) }];
    const sheet = unzip(toXlsx([xlsxSheet('S', rows, columns)], { timeZone: 'UTC' }))['xl/worksheets/sheet1.xml'] ?? '';
    expect(sheet).to.contain('<c r="A1" s="3" t="inlineStr"><is><t>Клиент</t></is></c>');
    expect(sheet).to.contain('<c r="A2" t="inlineStr"><is><t>A</t></is></c>');
    expect(sheet).to.contain('<c r="B2"><v>1500.25</v></c>');
    expect(sheet).to.contain('<c r="C2" t="b"><v>1</v></c>');
    // 25 Nov 2025 12:00 → 45986.5 (days since 1899-12-30).
    expect(sheet).to.contain('<c r="D2" s="2"><v>45986.5</v></c>');
  });

  it('escapes markup and strips characters XML cannot carry', () => {
    const rows: Row[] = [{ name: 'Tom & "Jerry" <b>\u0001\u0008\u000B ok\u0000', amount: 0, paid: false }];
    const sheet = unzip(toXlsx([xlsxSheet('x', rows, columns.slice(0, 1))]))['xl/worksheets/sheet1.xml'] ?? '';
    expect(sheet).to.contain('<t>Tom &amp; &quot;Jerry&quot; &lt;b&gt; ok</t>');
    expect(sheet).not.to.contain('<b>');
    // Well-formed: the browser's XML parser accepts it.
    const doc = new DOMParser().parseFromString(sheet, 'application/xml');
    expect(doc.getElementsByTagName('parsererror').length).to.equal(0);
    expect(doc.getElementsByTagName('t')[1]?.textContent).to.equal('Tom & "Jerry" <b> ok');
  });

  it('writes one worksheet per sheet with clean unique names', () => {
    const names = [{ n: 'Сделки' }];
    const files = unzip(
      toXlsx([
        xlsxSheet('a/b:c', names, [{ label: 'N', value: (r) => r.n }]),
        xlsxSheet('A B C', [{ v: 2 }], [{ label: 'V', value: (r) => r.v }]),
      ]),
    );
    expect(files['xl/workbook.xml']).to.contain('name="a b c"').and.to.contain('name="A B C (2)"');
    expect(files['xl/worksheets/sheet2.xml']).to.contain('<c r="A2"><v>2</v></c>');
    expect(sheetNames(['', 'x'.repeat(40)])).to.deep.equal(['Sheet1', 'x'.repeat(31)]);
  });

  it('numbers columns and dates like Excel', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnLetter)).to.deep.equal(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
    expect(excelSerial(new Date(Date.UTC(2000, 0, 1)), 'UTC')).to.equal(36526);
    expect(excelSerial(new Date(Date.UTC(2025, 10, 24, 21, 0)), 'Europe/Moscow')).to.equal(45986);
    expect(xmlEscape(`'&`)).to.equal('&apos;&amp;');
  });
});

describe('downloadBlob', () => {
  it('clicks a temporary download link and removes it', () => {
    let clicked: HTMLAnchorElement | undefined;
    const original = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked = this;
    };
    try {
      downloadBlob('a;b', safeFileName('Отчёт: май/июнь', 'csv'), 'text/csv');
    } finally {
      HTMLAnchorElement.prototype.click = original;
    }
    expect(clicked?.download).to.equal('Отчёт май июнь.csv');
    expect(clicked?.href).to.match(/^blob:/);
    expect(clicked?.isConnected).to.equal(false);
  });
});
