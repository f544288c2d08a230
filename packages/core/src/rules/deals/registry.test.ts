import { expect } from '@open-wc/testing';
import type { Deal, Funnel, Payment } from '../../model/deals.js';
import type { FieldDefinition } from '../../model/fields.js';
import type { Employee } from '../../model/people.js';
import {
  buildRegistryTable,
  classifyDealKinds,
  clientLtv,
  conversionCreated,
  conversionOverall,
  coverage,
  coveragePace,
  ltvPerClient,
  monthRange,
  pivotColumns,
  pivotRegistry,
  PIVOT_MEASURES,
  registryCellDeals,
  type DealKind,
  type PivotRow,
} from './index.js';

const TZ = 'Europe/Moscow';
const msk = (y: number, m: number, d: number, h = 12) => Date.UTC(y, m - 1, d, h - 3);

const funnels: Funnel[] = [
  {
    id: '0',
    name: 'Общая',
    stages: [
      { id: 'NEW', funnelId: '0', name: 'Новая', sort: 10, semantics: 'process' },
      { id: 'WORK', funnelId: '0', name: 'В работе', sort: 20, semantics: 'process' },
      { id: 'WON', funnelId: '0', name: 'Продано', sort: 30, semantics: 'success' },
      { id: 'LOSE', funnelId: '0', name: 'Отказ', sort: 40, semantics: 'failure' },
    ],
  },
];
const defs: FieldDefinition[] = [
  {
    id: 'deal:UF_CRM_PRODUCT',
    code: 'UF_CRM_PRODUCT',
    owner: 'deal',
    label: 'Продукт',
    type: 'enumeration',
    multiple: true,
    builtIn: false,
    options: [
      { id: 'p1', label: 'Ипотека' },
      { id: 'p2', label: 'КАСКО' },
      { id: 'p3', label: 'ОСАГО' },
    ],
  },
  {
    id: 'deal:UF_CRM_REG',
    code: 'UF_CRM_REG',
    owner: 'deal',
    label: 'Тип реестра',
    type: 'enumeration',
    multiple: false,
    builtIn: false,
    options: [
      { id: 'r1', label: 'Пролонгация' },
      { id: 'r2', label: 'Новый бизнес (тёплый)' },
      { id: 'r3', label: 'Кросс-продажа' },
    ],
  },
  {
    id: 'deal:UF_CRM_PERIOD',
    code: 'UF_CRM_PERIOD',
    owner: 'deal',
    label: 'Период',
    type: 'enumeration',
    multiple: false,
    builtIn: false,
    options: [
      { id: '4', label: 'Апрель' },
      { id: '5', label: 'Май' },
    ],
  },
  { id: 'deal:UF_CRM_BRANCH', code: 'UF_CRM_BRANCH', owner: 'deal', label: 'Филиал', type: 'string', multiple: false, builtIn: false },
];
const employees: Employee[] = [
  { id: '7', name: 'Иванов', departmentIds: ['d1'], active: true },
  { id: '8', name: 'Петрова', departmentIds: ['d1'], active: true },
];

const won = { stageId: 'WON', stageSemantics: 'success' as const };
const lost = { stageId: 'LOSE', stageSemantics: 'failure' as const };
function deal(id: string, client: string, patch: Partial<Deal> = {}, fields: Deal['fields'] = {}): Deal {
  return {
    id,
    title: id,
    funnelId: '0',
    stageId: 'NEW',
    stageSemantics: 'process',
    amount: 1000,
    currency: 'RUB',
    contactIds: [client],
    responsibleId: '7',
    createdAt: msk(2025, 4, 2),
    modifiedAt: msk(2025, 4, 2),
    products: [],
    fields,
    ...patch,
  };
}
const year = (y: number) => ({ createdAt: msk(y, 3, 1), closedAt: msk(y, 3, 10) });
const kindsOf = (deals: Deal[]) => {
  const k = classifyDealKinds(deals, { fieldDefinitions: defs });
  return deals.map((d) => k.get(d.id)?.kind);
};
const count = (list: (DealKind | undefined)[], kind: DealKind) => list.filter((k) => k === kind).length;

describe('sale kinds from product history', () => {
  it('a client who bought a mortgage policy and renewed it five years running: 1 new, 5 prolongations, 0 cross-sales', () => {
    const deals = [2019, 2020, 2021, 2022, 2023, 2024].map((y) => deal(`m${y}`, 'A', { ...won, ...year(y) }, { UF_CRM_PRODUCT: ['p1'] }));
    const kinds = kindsOf(deals);
    expect(kinds[0]).to.equal('new');
    expect(count(kinds, 'prolongation')).to.equal(5);
    expect(count(kinds, 'cross-sale')).to.equal(0);
  });

  it('only the five renewals in the CRM, marked Тип реестра = Пролонгация: 5 prolongations, 0 cross-sales, no disagreement', () => {
    const deals = [2020, 2021, 2022, 2023, 2024].map((y) => deal(`m${y}`, 'B', { ...won, ...year(y) }, { UF_CRM_PRODUCT: ['p1'], UF_CRM_REG: 'r1' }));
    const info = classifyDealKinds(deals, { fieldDefinitions: defs });
    expect(count(kindsOf(deals), 'prolongation')).to.equal(5);
    expect(count(kindsOf(deals), 'cross-sale')).to.equal(0);
    expect(info.get('m2020')?.derived).to.equal('new');
    expect([...info.values()].filter((i) => i.disagrees)).to.deep.equal([]);
  });

  it('the five renewals with no kind field: derivation alone gives 1 new + 4 prolongations', () => {
    const deals = [2020, 2021, 2022, 2023, 2024].map((y) => deal(`m${y}`, 'C', { ...won, ...year(y) }, { UF_CRM_PRODUCT: ['p1'] }));
    const kinds = kindsOf(deals);
    expect([count(kinds, 'new'), count(kinds, 'prolongation'), count(kinds, 'cross-sale')]).to.deep.equal([1, 4, 0]);
  });

  it('a client adding a second product: 1 cross-sale; a lost deal gives no product; an explicit "new" on it is flagged', () => {
    const deals = [
      deal('a', 'D', { ...won, ...year(2023) }, { UF_CRM_PRODUCT: ['p1'] }),
      deal('b', 'D', { ...lost, ...year(2023), closedAt: msk(2023, 5, 1) }, { UF_CRM_PRODUCT: ['p3'] }),
      deal('c', 'D', { ...won, ...year(2024) }, { UF_CRM_PRODUCT: ['p2'], UF_CRM_REG: 'r2' }),
      deal('d', 'D', { ...won, createdAt: msk(2024, 6, 1), closedAt: msk(2024, 6, 2) }, { UF_CRM_PRODUCT: ['p1', 'p2'] }),
    ];
    const info = classifyDealKinds(deals, { fieldDefinitions: defs });
    expect(deals.map((d) => info.get(d.id)?.derived)).to.deep.equal(['new', 'cross-sale', 'cross-sale', 'prolongation']);
    expect(info.get('c')?.kind).to.equal('new');
    expect(info.get('c')?.disagrees).to.equal(true);
    // With the explicit field ignored, exactly one won cross-sale.
    const derivedOnly = classifyDealKinds(deals, { fieldDefinitions: defs, kindFieldCode: 'NONE' });
    expect(deals.filter((d) => d.stageSemantics === 'success' && derivedOnly.get(d.id)?.kind === 'cross-sale').map((d) => d.id)).to.deep.equal(['c']);
  });

  it('LTV counts all paid sums; new-product LTV leaves out prolongations', () => {
    const deals = [
      deal('a', 'E', { ...won, ...year(2023) }, { UF_CRM_PRODUCT: ['p1'] }),
      deal('b', 'E', { ...won, ...year(2024) }, { UF_CRM_PRODUCT: ['p1'] }),
      deal('c', 'E', { ...won, createdAt: msk(2024, 6, 1), closedAt: msk(2024, 6, 2) }, { UF_CRM_PRODUCT: ['p2'] }),
    ];
    const kinds = classifyDealKinds(deals, { fieldDefinitions: defs });
    const payments: Payment[] = [
      { id: 'x1', dealId: 'a', amount: 5000, currency: 'RUB', paidAt: 1 },
      { id: 'x2', dealId: 'b', amount: 6000, currency: 'RUB', paidAt: 2 },
      { id: 'x3', dealId: 'c', amount: 3000, currency: 'RUB', paidAt: 3 },
      { id: 'x4', contactId: 'E', amount: 100, currency: 'RUB', paidAt: 4 },
    ];
    expect(clientLtv(deals, kinds, payments).get('contact:E')).to.deep.equal({ ltv: 14100, newProductLtv: 8100 });
    // Without payments, won amounts stand in: 3 × 1000, of which one prolongation.
    expect(clientLtv(deals, kinds).get('contact:E')).to.deep.equal({ ltv: 3000, newProductLtv: 2000 });
  });
});

describe('registry pivot', () => {
  // April 2025 registry by Период; deal r5 was loaded in March (not "created in the period").
  const april = monthRange(2025, 4, TZ);
  const deals: Deal[] = [
    deal('r1', 'K1', { ...won, amount: 3000, closedAt: msk(2025, 4, 10) }, { UF_CRM_PERIOD: '4', UF_CRM_PRODUCT: ['p1', 'p2'], UF_CRM_BRANCH: 'Центр' }),
    deal('r2', 'K2', { stageId: 'WORK' }, { UF_CRM_PERIOD: '4', UF_CRM_PRODUCT: ['p1'], UF_CRM_BRANCH: 'Центр' }),
    deal('r3', 'K3', {}, { UF_CRM_PERIOD: '4', UF_CRM_PRODUCT: ['p2'], UF_CRM_BRANCH: 'Центр' }),
    deal('r4', 'K3', { ...lost, responsibleId: '8' }, { UF_CRM_PERIOD: '4', UF_CRM_PRODUCT: ['p3'], UF_CRM_BRANCH: 'Север' }),
    deal('r5', 'K4', { ...won, responsibleId: '8', amount: 2000, createdAt: msk(2025, 3, 20), closedAt: msk(2025, 4, 20) }, { UF_CRM_PERIOD: '4', UF_CRM_PRODUCT: ['p1'] }),
    deal('r6', 'K5', { responsibleId: '8' }, { UF_CRM_PERIOD: '5', UF_CRM_PRODUCT: ['p1'] }),
    // History: K4 already had the mortgage, so r5 is a prolongation.
    deal('h1', 'K4', { ...won, amount: 1500, ...year(2024) }, { UF_CRM_PERIOD: '4', UF_CRM_PRODUCT: ['p1'] }),
  ];
  const table = buildRegistryTable({
    deals,
    funnels,
    fieldDefinitions: defs,
    employees,
    periodField: 'UF_CRM_PERIOD',
    period: april,
    dimensions: ['responsibleId', 'product', 'fields.UF_CRM_BRANCH', 'kind'],
    timeZone: TZ,
  });

  it('selects the period by the Период field, not the creation date', () => {
    // h1 is marked April but of 2024's registry: "Апрель" without a year is April after its creation (2024).
    expect([...table.dealIds].sort()).to.deep.equal(['r1', 'r2', 'r3', 'r4', 'r5']);
  });

  it('counts loaded, coverage, in work, won, lost and both conversions with their denominators', () => {
    const { total } = pivotRegistry(table, [0]);
    expect(total).to.include({ loaded: 5, stillNew: 1, leftFirst: 4, inWork: 1, won: 2, lost: 1, created: 4, createdWon: 1, wonSum: 5000 });
    expect(coverage(total)).to.equal(0.8);
    expect(conversionOverall(total)).to.equal(0.4);
    expect(conversionCreated(total)).to.equal(0.25);
    expect(total.clients).to.equal(4);
    expect([total.newSales, total.crossSales, total.prolongations]).to.deep.equal([1, 0, 1]);
  });

  it('groups by seller then product (multi-valued): a deal counts once in each product and once in its subtotal', () => {
    const { rows, total } = pivotRegistry(table, [0, 1]);
    const ivanov = rows.find((r) => r.labels[0] === 'Иванов') as PivotRow;
    expect(ivanov.metrics.loaded).to.equal(3);
    expect(ivanov.children.map((c) => [c.labels[1], c.metrics.loaded])).to.deep.equal([
      ['Ипотека', 2],
      ['КАСКО', 2],
    ]);
    expect(rows.map((r) => r.metrics.loaded).reduce((a, b) => a + b)).to.equal(total.loaded);
    const petrova = rows.find((r) => r.labels[0] === 'Петрова') as PivotRow;
    expect(petrova.metrics).to.include({ loaded: 2, won: 1, lost: 1, prolongations: 1, clients: 2 });
    expect(petrova.metrics.products).to.deep.equal([{ key: 'p1', label: 'Ипотека', count: 1, sum: 2000 }]);
    expect(ivanov.metrics.products).to.deep.equal([
      { key: 'p1', label: 'Ипотека', count: 1, sum: 1500 },
      { key: 'p2', label: 'КАСКО', count: 1, sum: 1500 },
    ]);
  });

  it('three levels, an empty value as its own group, and LTV per client', () => {
    const { rows } = pivotRegistry(table, [2, 0, 3]);
    expect(rows.map((r) => [r.labels[0], r.metrics.loaded])).to.deep.equal([
      ['Центр', 3],
      ['Север', 1],
      ['(not set)', 1],
    ]);
    const centre = rows[0] as PivotRow;
    expect(centre.children[0]?.children.map((c) => [...c.labels, c.metrics.loaded])).to.deep.equal([['Центр', 'Иванов', 'New business', 3]]);
    const notSet = rows[2] as PivotRow;
    // K4 paid 1500 (2024, new) + 2000 (r5, prolongation) in won amounts.
    expect(ltvPerClient(notSet.metrics)).to.equal(3500);
    expect(ltvPerClient(notSet.metrics, true)).to.equal(1500);
  });

  it('drills every cell down to its deals', () => {
    const levels = [0, 1];
    const { rows } = pivotRegistry(table, levels);
    const ivanov = rows.find((r) => r.labels[0] === 'Иванов') as PivotRow;
    const kasko = ivanov.children.find((c) => c.labels[1] === 'КАСКО') as PivotRow;
    expect(registryCellDeals(table, levels, kasko.codes, 'loaded')).to.deep.equal(['r1', 'r3']);
    expect(registryCellDeals(table, levels, kasko.codes, 'stillNew')).to.deep.equal(['r3']);
    expect(registryCellDeals(table, levels, ivanov.codes, 'leftFirst')).to.deep.equal(['r1', 'r2']);
    expect(registryCellDeals(table, levels, [], 'prolongations')).to.deep.equal(['r5']);
    expect(registryCellDeals(table, levels, [], 'createdWon')).to.deep.equal(['r1']);
    expect(registryCellDeals(table, levels, [], 'product:p2')).to.deep.equal(['r1']);
  });

  it('leaf-only mode gives the deepest level and the same total', () => {
    const full = pivotRegistry(table, [0, 1]);
    const leaf = pivotRegistry(table, [0, 1], { subtotals: false });
    expect(leaf.total).to.deep.equal(full.total);
    expect(leaf.rows.every((r) => r.level === 2)).to.equal(true);
    expect(leaf.rows).to.have.length(4);
  });

  it('the columnar group-by gives the same figures as the tree\'s deepest level', () => {
    const cols = pivotColumns(table, [0, 1]);
    const leaf = pivotRegistry(table, [0, 1], { subtotals: false });
    expect(cols.size).to.equal(leaf.rows.length);
    const loaded = PIVOT_MEASURES.indexOf('loaded');
    const won = PIVOT_MEASURES.indexOf('won');
    const clients = PIVOT_MEASURES.indexOf('clients');
    const fromCols = Array.from({ length: cols.size }, (_, g) => [cols.codes[0]![g], cols.codes[1]![g], cols.data[g * cols.measures + loaded], cols.data[g * cols.measures + won], cols.data[g * cols.measures + clients]]);
    const fromTree = leaf.rows.map((r) => [r.codes[0], r.codes[1], r.metrics.loaded, r.metrics.won, r.metrics.clients]);
    const key = (x: (number | undefined)[]) => x.join(',');
    expect(fromCols.map(key).sort()).to.deep.equal(fromTree.map(key).sort());
  });

  it('an empty period gives zero figures, not NaN', () => {
    const empty = buildRegistryTable({ deals: [], funnels, periodField: 'createdAt', period: april, dimensions: ['responsibleId'], timeZone: TZ });
    const { total, rows } = pivotRegistry(empty, [0]);
    expect(rows).to.deep.equal([]);
    expect([total.loaded, coverage(total), conversionOverall(total), conversionCreated(total), ltvPerClient(total)]).to.deep.equal([0, 0, 0, 0, 0]);
  });

  it('pace line: on 15 April half of the month\'s goal should be reached; none outside the month', () => {
    expect(coveragePace(april, msk(2025, 4, 15, 10), TZ)).to.equal(0.5);
    expect(coveragePace(april, msk(2025, 4, 30, 23), TZ)).to.equal(1);
    expect(coveragePace(april, msk(2025, 5, 1, 1), TZ)).to.equal(undefined);
  });
});
