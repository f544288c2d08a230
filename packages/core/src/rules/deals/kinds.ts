import type { Id } from '../../model/common.js';
import type { Deal, Payment } from '../../model/deals.js';
import type { FieldDefinition } from '../../model/fields.js';
import { normalizeLabel } from '../field-filter/catalog.js';

/**
 * New business, cross-sale or prolongation, from each client's product history.
 *
 * A client's deals are taken in the order they were sold (`closedAt`, else `createdAt`). The
 * client "has" a product once a deal with it was **won**. Then a deal is:
 * - **new** when the client had no product yet;
 * - **cross-sale** when it brings a product the client did not have, while the client already had
 *   another one (the client grows: mortgage holder buys КАСКО);
 * - **prolongation** when every product of it is one the client already had (a renewal: no growth).
 * A deal with a renewed product and a new one is a cross-sale: the growth is what is counted.
 * A deal without any product is not classified (`undefined`).
 *
 * So a client who bought a mortgage policy and renewed it five years running has 6 deals:
 * 1 new and **5 prolongations, 0 cross-sales**. When the CRM holds only the five renewals (the
 * original purchase predates it), derivation alone gives 1 new + 4 prolongations; the registry
 * type field (*Тип реестра* = Пролонгация) states 5 prolongations, and **an explicit field always
 * wins** over the derived kind. Disagreements are flagged, except "explicit prolongation vs
 * derived new" on the client's first known deal: the policy being renewed may predate the CRM,
 * so that is not evidence of an error.
 *
 * The client is the company when the deal has one, else its first contact, else the deal itself.
 */
export const DEAL_KINDS = ['new', 'cross-sale', 'prolongation'] as const;
export type DealKind = (typeof DEAL_KINDS)[number];

export interface DealKindInfo {
  readonly dealId: Id;
  readonly client: string;
  readonly derived?: DealKind;
  readonly explicit?: DealKind;
  /** The kind used: explicit when stated, else derived. */
  readonly kind?: DealKind;
  /** The explicit field and the history disagree (see the module comment for the exception). */
  readonly disagrees: boolean;
  /** This is the client's earliest deal with a product in the data. */
  readonly firstKnown: boolean;
}

export interface KindOptions {
  /** Products of a deal; default its product rows, else the product field's values. */
  readonly productsOf?: (deal: Deal) => readonly string[];
  /** Custom field holding the product (enumeration); default the field labelled "Продукт"/"Product". */
  readonly productFieldCode?: string;
  /** Custom field stating the kind; default the field labelled "Тип реестра"/"Registry type"/"Тип сделки". */
  readonly kindFieldCode?: string;
  readonly fieldDefinitions?: readonly FieldDefinition[];
  /** Maps the kind field's option label to a kind; default by words (пролонг/renew, кросс/cross, нов/new). */
  readonly kindOfLabel?: (label: string) => DealKind | undefined;
}

/** "Пролонгация" → prolongation, "Кросс-продажа" → cross-sale, "Новый бизнес (тёплый)" → new. */
export function defaultKindOfLabel(label: string): DealKind | undefined {
  const t = normalizeLabel(label);
  if (/пролонг|продлен|prolong|renew/.test(t)) return 'prolongation';
  if (/кросс|cross/.test(t)) return 'cross-sale';
  if (/нов|new/.test(t)) return 'new';
  return undefined;
}

export function clientKeyOf(deal: Deal): string {
  if (deal.companyId) return `company:${deal.companyId}`;
  const c = deal.contactIds[0];
  return c ? `contact:${c}` : `deal:${deal.id}`;
}

function fieldByLabel(defs: readonly FieldDefinition[], re: RegExp, code?: string): FieldDefinition | undefined {
  const deal = defs.filter((d) => d.owner === 'deal');
  return code ? deal.find((d) => d.code === code) : deal.find((d) => re.test(normalizeLabel(d.label)));
}

export function findProductField(defs: readonly FieldDefinition[], code?: string): FieldDefinition | undefined {
  return fieldByLabel(defs, /^(продукт|product)(?!\p{L})/u, code);
}

export function findKindField(defs: readonly FieldDefinition[], code?: string): FieldDefinition | undefined {
  return fieldByLabel(defs, /^(тип реестра|registry type|тип сделки|deal kind)(?!\p{L})/u, code);
}

function valuesOf(deal: Deal, code: string): string[] {
  const v = deal.fields[code];
  if (v === undefined || v === null || v === '') return [];
  return (Array.isArray(v) ? v : [v]).map(String);
}

/** The products of a deal under the options (product rows, else the product field). */
export function dealProductsFn(options: KindOptions): (deal: Deal) => readonly string[] {
  if (options.productsOf) return options.productsOf;
  const field = findProductField(options.fieldDefinitions ?? [], options.productFieldCode);
  return (deal) => {
    if (deal.products.length) return [...new Set(deal.products.map((p) => p.productId))];
    return field ? [...new Set(valuesOf(deal, field.code))] : [];
  };
}

/** Classifies every deal. Pass ALL deals of the clients, not only the period's: history matters. */
export function classifyDealKinds(deals: readonly Deal[], options: KindOptions = {}): Map<Id, DealKindInfo> {
  const productsOf = dealProductsFn(options);
  const kindField = findKindField(options.fieldDefinitions ?? [], options.kindFieldCode);
  const kindOfLabel = options.kindOfLabel ?? defaultKindOfLabel;
  const byClient = new Map<string, Deal[]>();
  for (const d of deals) {
    const k = clientKeyOf(d);
    const list = byClient.get(k);
    if (list) list.push(d);
    else byClient.set(k, [d]);
  }
  const out = new Map<Id, DealKindInfo>();
  for (const [client, list] of byClient) {
    list.sort((a, b) => (a.closedAt ?? a.createdAt) - (b.closedAt ?? b.createdAt) || a.createdAt - b.createdAt || a.id.localeCompare(b.id));
    const owned = new Set<string>();
    let seenProduct = false;
    for (const deal of list) {
      const products = productsOf(deal);
      let derived: DealKind | undefined;
      const firstKnown = products.length > 0 && !seenProduct;
      if (products.length) {
        seenProduct = true;
        if (owned.size === 0) derived = 'new';
        else derived = products.some((p) => !owned.has(p)) ? 'cross-sale' : 'prolongation';
      }
      let explicit: DealKind | undefined;
      if (kindField) {
        for (const v of valuesOf(deal, kindField.code)) {
          const label = kindField.options?.find((o) => o.id === v)?.label ?? v;
          explicit = kindOfLabel(label) ?? explicit;
        }
      }
      const disagrees =
        explicit !== undefined && derived !== undefined && explicit !== derived && !(firstKnown && explicit === 'prolongation' && derived === 'new');
      const kind = explicit ?? derived;
      out.set(deal.id, {
        dealId: deal.id,
        client,
        ...(derived ? { derived } : {}),
        ...(explicit ? { explicit } : {}),
        ...(kind ? { kind } : {}),
        disagrees,
        firstKnown,
      });
      if (deal.stageSemantics === 'success') for (const p of products) owned.add(p);
    }
  }
  return out;
}

export interface ClientLtv {
  /** Everything the client paid. */
  readonly ltv: number;
  /** Paid for new business and cross-sales only: prolongations excluded. */
  readonly newProductLtv: number;
}

/**
 * LTV per client: all paid sums. Payments are attributed to their deal (and so to its kind);
 * a payment with no deal counts in both figures (it is not known to be a renewal). When the CRM
 * gives no payments at all, won deals' amounts stand in for them.
 */
export function clientLtv(deals: readonly Deal[], kinds: ReadonlyMap<Id, DealKindInfo>, payments: readonly Payment[] = []): Map<string, ClientLtv> {
  const acc = new Map<string, { ltv: number; newProductLtv: number }>();
  const add = (client: string, amount: number, prolongation: boolean) => {
    let a = acc.get(client);
    if (!a) acc.set(client, (a = { ltv: 0, newProductLtv: 0 }));
    a.ltv += amount;
    if (!prolongation) a.newProductLtv += amount;
  };
  const byId = new Map(deals.map((d) => [d.id, d]));
  if (payments.length) {
    for (const p of payments) {
      const deal = p.dealId ? byId.get(p.dealId) : undefined;
      if (deal) add(clientKeyOf(deal), p.amount, kinds.get(deal.id)?.kind === 'prolongation');
      else if (p.companyId) add(`company:${p.companyId}`, p.amount, false);
      else if (p.contactId) add(`contact:${p.contactId}`, p.amount, false);
    }
  } else {
    for (const d of deals) if (d.stageSemantics === 'success') add(clientKeyOf(d), d.amount, kinds.get(d.id)?.kind === 'prolongation');
  }
  for (const d of deals) if (!acc.has(clientKeyOf(d))) acc.set(clientKeyOf(d), { ltv: 0, newProductLtv: 0 });
  return acc;
}
