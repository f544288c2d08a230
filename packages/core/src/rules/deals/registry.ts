import type { Id, Timestamp } from '../../model/common.js';
import type { Deal, Funnel, Payment, Product } from '../../model/deals.js';
import type { FieldDefinition } from '../../model/fields.js';
import type { Department, Employee } from '../../model/people.js';
import { civilDateOf, parseCalendarDate, startOfDay, type DateRange } from '../../ui/date-presets.js';
import { firstStages } from './forgotten.js';
import { classifyDealKinds, clientKeyOf, clientLtv, dealProductsFn, findProductField, type DealKind, type KindOptions } from './kinds.js';
import { dealPeriod } from './periods.js';
import { encodeColumn, STATE_LOST, STATE_NEW, STATE_WON, STATE_WORK, KIND_CODES, type EncodedColumn, type RegistryTable } from './pivot.js';

/**
 * From deals to the encoded registry table: which deals are "in the period", their state,
 * kind, client LTV and grouping values. The period is chosen by ANY date or period field, not
 * only the creation date: the insurer creates registries months ahead, so "April" means
 * *Период* = April, not "created in April".
 */

/** Built-in grouping dimensions; custom fields are `fields.<code>`. */
export const BUILT_IN_DIMENSIONS = ['kind', 'responsibleId', 'department', 'product', 'funnelId', 'stageId', 'sourceId'] as const;

export interface DimensionChoice {
  readonly key: string;
  readonly label: string;
}

export interface RegistryLabels {
  readonly empty: string;
  readonly dimensions: Readonly<Record<(typeof BUILT_IN_DIMENSIONS)[number], string>>;
  readonly kinds: Readonly<Record<DealKind, string>>;
  readonly yes: string;
  readonly no: string;
}

export const REGISTRY_LABELS_EN: RegistryLabels = {
  empty: '(not set)',
  dimensions: { kind: 'Sale kind', responsibleId: 'Seller', department: 'Department', product: 'Product', funnelId: 'Funnel', stageId: 'Stage', sourceId: 'Source' },
  kinds: { new: 'New business', 'cross-sale': 'Cross-sale', prolongation: 'Prolongation' },
  yes: 'yes',
  no: 'no',
};

/** Every dimension a person can group by: built-ins, then custom deal fields that group well (the product field is the built-in `product`). */
export function registryDimensions(defs: readonly FieldDefinition[], labels: RegistryLabels = REGISTRY_LABELS_EN): DimensionChoice[] {
  const out: DimensionChoice[] = BUILT_IN_DIMENSIONS.map((key) => ({ key, label: labels.dimensions[key] }));
  // The built-in "product" already reads the product field (when deals have no product rows).
  const productField = findProductField(defs);
  for (const d of defs) {
    if (d.owner !== 'deal' || d.builtIn || d === productField) continue;
    if (['enumeration', 'string', 'boolean', 'employee', 'integer'].includes(d.type)) out.push({ key: `fields.${d.code}`, label: d.label });
  }
  return out;
}

/** Date and period fields that can choose the period: built-in dates, then custom date/period fields. */
export function registryPeriodFields(defs: readonly FieldDefinition[], builtInLabels: Readonly<Record<'createdAt' | 'closedAt' | 'expectedCloseAt' | 'modifiedAt', string>> = { createdAt: 'Created', closedAt: 'Closed', expectedCloseAt: 'Expected close', modifiedAt: 'Modified' }): DimensionChoice[] {
  const out: DimensionChoice[] = (['createdAt', 'closedAt', 'expectedCloseAt', 'modifiedAt'] as const).map((key) => ({ key, label: builtInLabels[key] }));
  for (const d of defs) {
    if (d.owner !== 'deal' || d.builtIn) continue;
    if (d.type === 'date' || d.type === 'datetime') out.push({ key: d.code, label: d.label });
    else if ((d.type === 'enumeration' || d.type === 'string') && /^(период|period)(?!\p{L})/ui.test(d.label.trim())) out.push({ key: d.code, label: d.label });
  }
  return out;
}

export interface RegistryInput {
  /** All deals of the clients (history decides the kind), not only the period's. */
  readonly deals: readonly Deal[];
  readonly funnels: readonly Funnel[];
  readonly fieldDefinitions?: readonly FieldDefinition[];
  readonly employees?: readonly Employee[];
  readonly departments?: readonly Department[];
  readonly products?: readonly Product[];
  readonly payments?: readonly Payment[];
  /** `createdAt`, `closedAt`, `expectedCloseAt`, `modifiedAt`, or a custom field code. */
  readonly periodField: string;
  /** Half-open range of the period; undefined for all time. */
  readonly period?: DateRange;
  /** Dimensions to encode (their indices are the pivot's levels). */
  readonly dimensions: readonly string[];
  readonly timeZone: string;
  readonly kindOptions?: KindOptions;
  /** An extra filter (the field-filter conditions) applied to the period's deals. */
  readonly include?: (deal: Deal) => boolean;
  readonly labels?: RegistryLabels;
}

const inRange = (t: Timestamp, r: DateRange | undefined) => !r || ((r.from === undefined || t >= r.from) && (r.to === undefined || t < r.to));

/**
 * Whether a deal belongs to the period by the chosen field. A date field counts its day; an
 * enumeration period ("Апрель") counts when its month overlaps the range; an empty field never
 * counts (unless the range is all time).
 */
export function dealInPeriod(deal: Deal, periodField: string, range: DateRange | undefined, defs: readonly FieldDefinition[], timeZone: string): boolean {
  if (!range || (range.from === undefined && range.to === undefined)) return true;
  const builtIn = (deal as unknown as Record<string, unknown>)[periodField];
  if (typeof builtIn === 'number') return inRange(builtIn, range);
  if (!(periodField in deal.fields)) return false;
  const def = defs.find((d) => d.owner === 'deal' && d.code === periodField);
  const raw = deal.fields[periodField];
  const values = raw === null || raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  if (def?.type === 'enumeration' || def?.type === 'string') {
    // Any of the deal's periods overlapping the range.
    return values.some((v) => {
      const p = dealPeriod({ ...deal, fields: { [periodField]: v } }, def, periodField, timeZone);
      return p !== undefined && (range.to === undefined || p.start < range.to) && (range.from === undefined || p.end > range.from);
    });
  }
  return values.some((v) => {
    if (typeof v === 'number') return inRange(v, range);
    const d = parseCalendarDate(String(v));
    return d !== undefined && inRange(startOfDay(d, timeZone), range);
  });
}

/** Builds the encoded table of the period's deals. */
export function buildRegistryTable(input: RegistryInput): RegistryTable {
  const defs = input.fieldDefinitions ?? [];
  const labels = input.labels ?? REGISTRY_LABELS_EN;
  const kindOptions: KindOptions = { fieldDefinitions: defs, ...input.kindOptions };
  const kinds = classifyDealKinds(input.deals, kindOptions);
  const ltv = clientLtv(input.deals, kinds, input.payments ?? []);
  const first = firstStages(input.funnels);
  const rows = input.deals.filter((d) => dealInPeriod(d, input.periodField, input.period, defs, input.timeZone) && (input.include?.(d) ?? true));
  const n = rows.length;

  const clientIndex = new Map<string, number>();
  const clientLtvArr: number[] = [];
  const clientNewArr: number[] = [];
  const client = new Int32Array(n);
  const state = new Uint8Array(n);
  const created = new Uint8Array(n);
  const kind = new Uint8Array(n);
  const disagree = new Uint8Array(n);
  const wonSum = new Float64Array(n);
  rows.forEach((d, i) => {
    const key = clientKeyOf(d);
    let c = clientIndex.get(key);
    if (c === undefined) {
      c = clientLtvArr.length;
      clientIndex.set(key, c);
      const l = ltv.get(key);
      clientLtvArr.push(l?.ltv ?? 0);
      clientNewArr.push(l?.newProductLtv ?? 0);
    }
    client[i] = c;
    state[i] =
      d.stageSemantics === 'success' ? STATE_WON : d.stageSemantics === 'failure' ? STATE_LOST : d.stageId === first.get(d.funnelId) ? STATE_NEW : STATE_WORK;
    created[i] = inRange(d.createdAt, input.period) ? 1 : 0;
    const info = kinds.get(d.id);
    kind[i] = info?.kind ? KIND_CODES.indexOf(info.kind) : 0;
    disagree[i] = info?.disagrees ? 1 : 0;
    wonSum[i] = d.stageSemantics === 'success' ? d.amount : 0;
  });

  const employees = new Map((input.employees ?? []).map((e) => [e.id, e]));
  const departments = new Map((input.departments ?? []).map((e) => [e.id, e]));
  const productNames = new Map((input.products ?? []).map((p) => [p.id, p.name]));
  const stageNames = new Map<Id, string>();
  for (const f of input.funnels) for (const s of f.stages) stageNames.set(s.id, input.funnels.length > 1 ? `${f.name}: ${s.name}` : s.name);
  const funnelNames = new Map(input.funnels.map((f) => [f.id, f.name]));
  const productsOf = dealProductsFn(kindOptions);
  const productField = findProductField(defs, kindOptions.productFieldCode);
  const productLabel = (v: string) => productNames.get(v) ?? productField?.options?.find((o) => o.id === v)?.label ?? v;
  for (const d of rows) for (const p of d.products) if (!productNames.has(p.productId)) productNames.set(p.productId, p.productName);

  const dims: EncodedColumn[] = input.dimensions.map((key) => {
    const one = (v: string | undefined): readonly string[] => (v === undefined || v === '' ? [] : [v]);
    const builtInLabel = (labels.dimensions as Record<string, string>)[key];
    switch (key) {
      case 'kind':
        return encodeColumn(key, builtInLabel ?? key, n, (i) => one(kinds.get((rows[i] as Deal).id)?.kind), (v) => labels.kinds[v as DealKind] ?? v, labels.empty, (i) => kinds.get((rows[i] as Deal).id)?.kind);
      case 'responsibleId':
        return encodeColumn(key, builtInLabel ?? key, n, (i) => one((rows[i] as Deal).responsibleId), (v) => employees.get(v)?.name ?? v, labels.empty, (i) => (rows[i] as Deal).responsibleId);
      case 'department':
        return encodeColumn(key, builtInLabel ?? key, n, (i) => one(employees.get((rows[i] as Deal).responsibleId ?? '')?.departmentIds[0]), (v) => departments.get(v)?.name ?? v, labels.empty);
      case 'product':
        return encodeColumn(key, builtInLabel ?? key, n, (i) => productsOf(rows[i] as Deal), productLabel, labels.empty);
      case 'funnelId':
        return encodeColumn(key, builtInLabel ?? key, n, (i) => one((rows[i] as Deal).funnelId), (v) => funnelNames.get(v) ?? v, labels.empty, (i) => (rows[i] as Deal).funnelId);
      case 'stageId':
        return encodeColumn(key, builtInLabel ?? key, n, (i) => one((rows[i] as Deal).stageId), (v) => stageNames.get(v) ?? v, labels.empty, (i) => (rows[i] as Deal).stageId);
      case 'sourceId':
        return encodeColumn(key, builtInLabel ?? key, n, (i) => one((rows[i] as Deal).sourceId), (v) => v, labels.empty);
      default: {
        const code = key.startsWith('fields.') ? key.slice(7) : key;
        const def = defs.find((d) => d.owner === 'deal' && d.code === code);
        const valuesOf = (i: number): readonly string[] => {
          const raw = (rows[i] as Deal).fields[code];
          if (raw === undefined || raw === null || raw === '') return [];
          return (Array.isArray(raw) ? raw : [raw]).map((x) => (typeof x === 'boolean' ? (x ? 'Y' : 'N') : String(x)));
        };
        const labelOf = (v: string) => {
          if (def?.type === 'boolean') return v === 'Y' || v === '1' || v === 'true' ? labels.yes : labels.no;
          if (def?.type === 'employee') return employees.get(v)?.name ?? v;
          return def?.options?.find((o) => o.id === v)?.label ?? v;
        };
        return encodeColumn(key, def?.label ?? key, n, valuesOf, labelOf, labels.empty);
      }
    }
  });

  // Products sold: product rows with their sums; a product field splits the amount evenly.
  const pIndex = new Map<string, number>([['', 0]]);
  const pDict: string[] = [''];
  const pLabels: string[] = [labels.empty];
  const offsets = new Int32Array(n + 1);
  const values: number[] = [];
  const sums: number[] = [];
  rows.forEach((d, i) => {
    offsets[i] = values.length;
    const entries: [string, number][] = d.products.length
      ? d.products.map((p) => [p.productId, p.sum])
      : productsOf(d).map((p, _, all) => [p, d.amount / all.length]);
    const seen = new Map<number, number>();
    for (const [p, sum] of entries) {
      let c = pIndex.get(p);
      if (c === undefined) {
        c = pDict.length;
        pIndex.set(p, c);
        pDict.push(p);
        pLabels.push(productLabel(p));
      }
      const at = seen.get(c);
      if (at !== undefined) sums[at] = (sums[at] as number) + sum;
      else {
        seen.set(c, values.length);
        values.push(c);
        sums.push(sum);
      }
    }
  });
  offsets[n] = values.length;

  return {
    n,
    dealIds: rows.map((d) => d.id),
    state,
    created,
    kind,
    disagree,
    wonSum,
    client,
    clientLtv: Float64Array.from(clientLtvArr),
    clientNewLtv: Float64Array.from(clientNewArr),
    dims,
    products: { key: 'product', label: labels.dimensions.product, dict: pDict, labels: pLabels, offsets, values: Int32Array.from(values), sums: Float64Array.from(sums) },
  };
}

/**
 * The pace line for the current month: the share of the goal that should be reached by today if
 * the work were spread evenly over the period's days (today counted as done). Undefined when
 * today is outside the period.
 */
export function coveragePace(period: DateRange, now: Timestamp, timeZone: string, goal = 1): number | undefined {
  if (period.from === undefined || period.to === undefined || now < period.from || now >= period.to) return undefined;
  const start = civilDateOf(period.from, timeZone);
  const end = civilDateOf(period.to - 1, timeZone);
  const today = civilDateOf(now, timeZone);
  const day = (d: { year: number; month: number; day: number }) => Date.UTC(d.year, d.month - 1, d.day) / 86_400_000;
  const total = day(end) - day(start) + 1;
  const done = day(today) - day(start) + 1;
  return (goal * done) / total;
}
