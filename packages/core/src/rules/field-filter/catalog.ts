import type { Deal, Funnel, Product } from '../../model/deals.js';
import type { EnumOption, FieldDefinition, FieldType } from '../../model/fields.js';
import type { Employee } from '../../model/people.js';

/**
 * The catalog of everything a deal can be filtered by: the model's own fields (title, stage,
 * amount, responsible, dates…) and every custom field the portal describes
 * (`fieldDefinition` records with `owner: 'deal'`), each with its type and, for enumerations,
 * its options. A filter condition names a field by its code; the catalog says where the value
 * lives in a record (`path`) and how to compare it.
 */
export interface FilterField {
  /** Stable code: the model's property name (`stageId`) or the custom field's code (`UF_CRM_PERIOD`). */
  readonly code: string;
  /** What the CRM calls it; a saved view falls back to it when codes differ across portals. */
  readonly label: string;
  readonly type: FieldType;
  readonly multiple: boolean;
  readonly builtIn: boolean;
  /**
   * Where the value lives, as the adapter query language names it: `stageId`, or
   * `fields.UF_CRM_PERIOD` for a custom field. Absent for virtual fields (see {@link read}).
   */
  readonly path?: string;
  /** Enumeration options, employees or linkable records, in display order. */
  readonly options?: readonly EnumOption[];
  /**
   * For virtual fields that no adapter can query (the products of a deal): how to read the
   * value locally. Conditions on such fields are always evaluated in the browser.
   */
  readonly read?: (deal: Deal) => unknown;
}

/** Dictionaries the built-in fields take their options from; all optional. */
export interface DealCatalogSources {
  readonly fieldDefinitions?: readonly FieldDefinition[];
  readonly funnels?: readonly Funnel[];
  readonly employees?: readonly Employee[];
  readonly products?: readonly Product[];
  /** Labels of the built-in fields in the UI language; English names are the fallback. */
  readonly labels?: Partial<Record<BuiltInDealField, string>>;
}

/** The model's own deal fields offered in a filter. */
export const BUILT_IN_DEAL_FIELDS = [
  'title',
  'funnelId',
  'stageId',
  'stageSemantics',
  'amount',
  'currency',
  'responsibleId',
  'createdById',
  'companyId',
  'contactIds',
  'createdAt',
  'modifiedAt',
  'closedAt',
  'expectedCloseAt',
  'sourceId',
  'products',
] as const;
export type BuiltInDealField = (typeof BUILT_IN_DEAL_FIELDS)[number];

const DEFAULT_LABELS: Record<BuiltInDealField, string> = {
  title: 'Title',
  funnelId: 'Funnel',
  stageId: 'Stage',
  stageSemantics: 'Stage group',
  amount: 'Amount',
  currency: 'Currency',
  responsibleId: 'Responsible',
  createdById: 'Created by',
  companyId: 'Company',
  contactIds: 'Contacts',
  createdAt: 'Created',
  modifiedAt: 'Modified',
  closedAt: 'Closed',
  expectedCloseAt: 'Expected close',
  sourceId: 'Source',
  products: 'Products',
};

/**
 * Builds the filter catalog of deals: the built-in fields first, then custom fields in the
 * order the CRM lists them. Stage options are labelled "Funnel: Stage" only when the portal has
 * more than one funnel, so a one-funnel portal reads "Новая", not "Общая: Новая".
 */
export function dealFilterFields(sources: DealCatalogSources = {}): FilterField[] {
  const label = (code: BuiltInDealField) => sources.labels?.[code] ?? DEFAULT_LABELS[code];
  const funnels = sources.funnels ?? [];
  const manyFunnels = funnels.length > 1;
  const stageOptions: EnumOption[] = funnels.flatMap((f) =>
    [...f.stages]
      .sort((a, b) => a.sort - b.sort)
      .map((s) => ({ id: s.id, label: manyFunnels ? `${f.name}: ${s.name}` : s.name })),
  );
  const employeeOptions: EnumOption[] | undefined = sources.employees?.map((e) => ({ id: e.id, label: e.name }));
  const productOptions: EnumOption[] | undefined = sources.products?.map((p) => ({ id: p.id, label: p.name }));
  const b = (code: BuiltInDealField, type: FieldType, extra: Partial<FilterField> = {}): FilterField => ({
    code,
    label: label(code),
    type,
    multiple: false,
    builtIn: true,
    path: code,
    ...extra,
  });
  const builtIns: FilterField[] = [
    b('title', 'string'),
    b('funnelId', 'enumeration', { options: funnels.map((f) => ({ id: f.id, label: f.name })) }),
    b('stageId', 'enumeration', { options: stageOptions }),
    b('stageSemantics', 'enumeration', {
      options: [
        { id: 'process', label: 'process' },
        { id: 'success', label: 'success' },
        { id: 'failure', label: 'failure' },
      ],
    }),
    b('amount', 'money'),
    b('currency', 'string'),
    b('responsibleId', 'employee', employeeOptions ? { options: employeeOptions } : {}),
    b('createdById', 'employee', employeeOptions ? { options: employeeOptions } : {}),
    b('companyId', 'crm-link'),
    b('contactIds', 'crm-link', { multiple: true }),
    b('createdAt', 'datetime'),
    b('modifiedAt', 'datetime'),
    b('closedAt', 'datetime'),
    b('expectedCloseAt', 'datetime'),
    b('sourceId', 'string'),
    {
      code: 'products',
      label: label('products'),
      type: 'enumeration',
      multiple: true,
      builtIn: true,
      ...(productOptions ? { options: productOptions } : {}),
      read: (deal: Deal) => deal.products.map((p) => p.productId),
    },
  ];
  const custom: FilterField[] = (sources.fieldDefinitions ?? [])
    .filter((d) => d.owner === 'deal' && !d.builtIn)
    .map((d) => ({
      code: d.code,
      label: d.label,
      type: d.type,
      multiple: d.multiple,
      builtIn: false,
      path: `fields.${d.code}`,
      ...(d.options ? { options: d.options } : {}),
    }));
  return [...builtIns, ...custom];
}

/** Trimmed, lower-cased, `ё` as `е`, inner spaces collapsed: how labels are compared. */
export function normalizeLabel(label: string): string {
  return label.trim().toLocaleLowerCase('ru').replace(/ё/g, 'е').replace(/\s+/g, ' ');
}

/**
 * Finds a field by code first, then by label: custom field codes (`UF_CRM_1681234567`) differ
 * between two portals of one company, their labels ("Период") usually do not.
 */
export function findField(fields: readonly FilterField[], code: string, label?: string): FilterField | undefined {
  const byCode = fields.find((f) => f.code === code);
  if (byCode) return byCode;
  if (!label) return undefined;
  const wanted = normalizeLabel(label);
  return fields.find((f) => normalizeLabel(f.label) === wanted);
}

/** Reads a field's raw value from a deal (custom fields through `fields`, virtual ones through `read`). */
export function readDealField(deal: Deal, field: FilterField): unknown {
  if (field.read) return field.read(deal);
  const path = field.path ?? field.code;
  if (path.startsWith('fields.')) return deal.fields[path.slice(7)];
  return (deal as unknown as Record<string, unknown>)[path];
}
