/**
 * The mapping: which 1C entity sets and properties hold each part of the crmkit model.
 *
 * Entity-set, property and enumeration names differ between 1C configurations, so they are
 * configuration (plain JSON, `mapping/mapping.schema.json`), never code. A property spec is a
 * string:
 * - `Имя` — a property of the row (`Description`, `Контрагент_Key`, `Period`);
 * - `Таблица[].Имя` — a list read from a tabular part (`КонтактныеЛица[].КонтактноеЛицо_Key`);
 * - `!Имя` — a Boolean property, negated (`!Недействителен` → `active`).
 * Enumeration values are mapped by name (`"Свободна": "free"`); a value not listed maps to the
 * core default of that field. Everything here is pure: no I/O.
 */
import type { EntityName } from './core.js';

/** One entity set and the core fields read from it. */
export interface EntitySource {
  /** Entity set as published: `Catalog_ЖилыеКомплексы`, `Document_Сделка`, `InformationRegister_ЦеныОбъектов`. */
  readonly set: string;
  /** Core field → property spec. `id` is required for catalogs and documents (`Ref_Key`). */
  readonly fields: Readonly<Record<string, string>>;
  /** Core field → { 1C enumeration value name → core value }. */
  readonly enums?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Core fields with a fixed value for every row of this set (an activity set's `kind`). */
  readonly constants?: Readonly<Record<string, string | number | boolean>>;
  /** Extra `$filter` in 1C syntax ANDed to every request (`IsFolder eq false`). */
  readonly filter?: string;
}

/** Contact information of a client, from a tabular part (`КонтактнаяИнформация`). */
export interface CommsSource {
  readonly tabular: string;
  readonly type: string;
  readonly value: string;
  readonly valueType?: string;
  /** 1C contact-information type name → `phone` | `email` | `web` | `im`. */
  readonly types: Readonly<Record<string, string>>;
}

export interface ClientSource extends EntitySource {
  readonly comms?: CommsSource;
}

/** A reference that binds an activity to a record: `{ "kind": "deal", "property": "Сделка_Key" }`. */
export interface BindingSource {
  readonly kind: 'contact' | 'company' | 'deal' | 'lead' | 'invoice';
  /** Property spec (`Сделка_Key` or `Участники[].Контакт_Key`). */
  readonly property: string;
}

export interface ActivitySource extends EntitySource {
  readonly bindings?: readonly BindingSource[];
}

export interface BuildingSource extends EntitySource {
  /** Sections: fields `id`, `buildingId`, `name`, `columns`, optional `sort`. */
  readonly sections?: EntitySource;
  /** Floors: fields `sectionId`, `number`. */
  readonly floors?: EntitySource;
}

export interface ApartmentSource extends EntitySource {
  /**
   * Periodic information register of statuses, read with `SliceLast`: fields `apartmentId`,
   * `status`, `at`, optional `projectId` (a dimension, to slice one project only) and booking
   * fields `bookingExpiresAt`, `bookingPaid`, `bookingPrice`, `clientName`, `clientId`, `managerId`,
   * `bookedAt`.
   */
  readonly status?: EntitySource;
  /** Periodic information register of prices, read with `SliceLast`: `apartmentId`, `price`, `at`, optional `projectId`. */
  readonly price?: EntitySource;
}

export interface FunnelSource extends EntitySource {
  /** Stages: `id`, `funnelId`, `name`, `sort`, `semantics` (enum), optional `color`. */
  readonly stages?: EntitySource;
}

export interface ScheduleSource {
  readonly tabular: string;
  /** ISO weekday 1–7. */
  readonly day: string;
  readonly start: string;
  readonly end: string;
  readonly breakStart?: string;
  readonly breakEnd?: string;
}

export interface ResourceSource extends EntitySource {
  readonly schedule?: ScheduleSource;
  /** Exceptions register: `resourceId`, `date`, `dayOff`, `start`, `end`, `reason`. */
  readonly exceptions?: EntitySource;
}

export interface BookingSource extends EntitySource {
  /** Clients of a booking: a tabular part with a composite-type reference. */
  readonly clients?: { readonly tabular: string; readonly property: string };
}

export interface MappingEntities {
  readonly project?: EntitySource;
  readonly building?: BuildingSource;
  readonly apartment?: ApartmentSource;
  /** Price history: the record set of the price register. Fields `apartmentId`, `price`, `at`. */
  readonly pricePoint?: EntitySource;
  readonly contact?: ClientSource;
  readonly company?: ClientSource;
  readonly lead?: EntitySource;
  readonly deal?: EntitySource;
  readonly funnel?: FunnelSource;
  readonly invoice?: EntitySource;
  readonly employee?: EntitySource;
  readonly department?: EntitySource;
  /** Several document sets (calls, meetings, messenger dialogs…), each with `constants.kind`. */
  readonly activity?: readonly ActivitySource[];
  readonly resource?: ResourceSource;
  readonly booking?: BookingSource;
}

export interface OneCMapping {
  readonly $schema?: string;
  readonly version: 1;
  readonly name?: string;
  readonly description?: string;
  /** Currency of prices and amounts when the configuration keeps one currency. */
  readonly currency?: string;
  /** Root of the configuration's HTTP service (`crmkit/v1`), when one is published. */
  readonly httpService?: { readonly root: string };
  readonly entities: MappingEntities;
}

export const MAPPED_ENTITIES = [
  'project',
  'building',
  'apartment',
  'pricePoint',
  'contact',
  'company',
  'lead',
  'deal',
  'funnel',
  'invoice',
  'employee',
  'department',
  'activity',
  'resource',
  'booking',
] as const satisfies readonly EntityName[];
export type MappedEntity = (typeof MAPPED_ENTITIES)[number];

/** Parsed form of a property spec. */
export interface PropertySpec {
  readonly tabular?: string;
  readonly property: string;
  readonly negate: boolean;
}

const PROPERTY_NAME = /^[\p{L}_][\p{L}\p{N}_]*$/u;
const SET_NAME = /^(Catalog|Document|InformationRegister|AccumulationRegister|ChartOfCharacteristicTypes|ExchangePlan|BusinessProcess|Task|DocumentJournal|Constant)_[\p{L}\p{N}_]+$/u;

export function parseSpec(spec: string): PropertySpec {
  let s = spec;
  let negate = false;
  if (s.startsWith('!')) {
    negate = true;
    s = s.slice(1);
  }
  const at = s.indexOf('[].');
  if (at >= 0) return { tabular: s.slice(0, at), property: s.slice(at + 3), negate };
  return { property: s, negate };
}

/** Every entity set the mapping reads, once each, in mapping order. */
export function mappedEntitySets(mapping: OneCMapping): string[] {
  const out = new Set<string>();
  for (const source of allSources(mapping)) out.add(source.source.set);
  return [...out];
}

/** Every source of the mapping with where it is (`entities.apartment.status`). */
export function allSources(mapping: OneCMapping): { path: string; source: EntitySource }[] {
  const out: { path: string; source: EntitySource }[] = [];
  const e = mapping.entities ?? {};
  for (const [name, value] of Object.entries(e) as [string, unknown][]) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      value.forEach((s, i) => out.push({ path: `entities.${name}[${i}]`, source: s as EntitySource }));
      continue;
    }
    const src = value as EntitySource & Record<string, unknown>;
    out.push({ path: `entities.${name}`, source: src });
    for (const sub of ['sections', 'floors', 'status', 'price', 'stages', 'exceptions']) {
      const s = src[sub] as EntitySource | undefined;
      if (s && typeof s === 'object') out.push({ path: `entities.${name}.${sub}`, source: s });
    }
  }
  return out;
}

/** Core fields each source must map: the adapter cannot build a record without them. */
const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  project: ['id', 'name'],
  building: ['id', 'projectId', 'name'],
  'building.sections': ['id', 'buildingId', 'name'],
  'building.floors': ['sectionId', 'number'],
  apartment: ['id', 'projectId', 'buildingId', 'sectionId', 'number', 'floor'],
  'apartment.status': ['apartmentId', 'status'],
  'apartment.price': ['apartmentId', 'price'],
  pricePoint: ['apartmentId', 'price', 'at'],
  contact: ['id', 'name'],
  company: ['id', 'title'],
  lead: ['id', 'title'],
  deal: ['id', 'title', 'stageId'],
  funnel: ['id', 'name'],
  'funnel.stages': ['id', 'funnelId', 'name'],
  invoice: ['id'],
  employee: ['id', 'name'],
  department: ['id', 'name'],
  activity: ['id', 'createdAt'],
  resource: ['id', 'name', 'type'],
  'resource.exceptions': ['resourceId', 'date'],
  booking: ['id', 'resourceId', 'start', 'end'],
};

export interface MappingProblem {
  readonly path: string;
  readonly message: string;
}

/**
 * Checks an untrusted mapping object (parsed JSON) and lists every problem with where it is,
 * in plain words. Pure: no server is asked; see {@link checkPublished} for that.
 * @returns an empty list when the mapping can be used.
 */
export function validateMapping(input: unknown): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    add('', 'the mapping must be a JSON object');
    return problems;
  }
  const m = input as Record<string, unknown>;
  if (m.version !== 1) add('version', 'must be 1');
  if (m.currency !== undefined && (typeof m.currency !== 'string' || !/^[A-Z]{3}$/.test(m.currency))) {
    add('currency', 'must be an ISO 4217 code such as "RUB"');
  }
  if (m.httpService !== undefined) {
    const hs = m.httpService as Record<string, unknown> | null;
    if (typeof hs !== 'object' || hs === null || typeof hs.root !== 'string' || !/^[\w./-]+$/u.test(hs.root)) {
      add('httpService.root', 'must be the HTTP service root such as "crmkit/v1"');
    }
  }
  const entities = m.entities;
  if (typeof entities !== 'object' || entities === null || Array.isArray(entities)) {
    add('entities', 'must be an object keyed by core entity name');
    return problems;
  }
  for (const [name, value] of Object.entries(entities)) {
    if (!(MAPPED_ENTITIES as readonly string[]).includes(name)) {
      add(`entities.${name}`, `unknown entity; known: ${MAPPED_ENTITIES.join(', ')}`);
      continue;
    }
    if (name === 'activity') {
      if (!Array.isArray(value) || value.length === 0) {
        add('entities.activity', 'must be a non-empty array of document sources (calls, meetings…)');
        continue;
      }
      value.forEach((s, i) => {
        checkSource(`entities.activity[${i}]`, 'activity', s, add);
        const kind = (s as EntitySource).constants?.kind;
        if (typeof kind !== 'string') add(`entities.activity[${i}].constants.kind`, 'each activity source needs a constant "kind" (call, meeting, messenger…)');
      });
      continue;
    }
    checkSource(`entities.${name}`, name, value, add);
    const src = value as Record<string, unknown>;
    for (const sub of ['sections', 'floors', 'status', 'price', 'stages', 'exceptions']) {
      if (src?.[sub] !== undefined) checkSource(`entities.${name}.${sub}`, `${name}.${sub}`, src[sub], add);
    }
  }
  return problems;
}

function checkSource(path: string, key: string, value: unknown, add: (p: string, m: string) => void): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    add(path, 'must be an object with "set" and "fields"');
    return;
  }
  const s = value as Record<string, unknown>;
  if (typeof s.set !== 'string' || !SET_NAME.test(s.set)) {
    add(`${path}.set`, `must be an entity set name such as "Catalog_Контрагенты" (got ${JSON.stringify(s.set)})`);
  }
  if (typeof s.fields !== 'object' || s.fields === null || Array.isArray(s.fields)) {
    add(`${path}.fields`, 'must be an object: core field → 1C property');
    return;
  }
  const fields = s.fields as Record<string, unknown>;
  for (const [field, spec] of Object.entries(fields)) {
    if (typeof spec !== 'string') {
      add(`${path}.fields.${field}`, 'must be a string (a property name)');
      continue;
    }
    const p = parseSpec(spec);
    if (!PROPERTY_NAME.test(p.property) || (p.tabular !== undefined && !PROPERTY_NAME.test(p.tabular))) {
      add(`${path}.fields.${field}`, `"${spec}" is not a property name (use Имя, Таблица[].Имя or !Имя)`);
    }
  }
  for (const field of REQUIRED[key] ?? []) {
    if (fields[field] === undefined) add(`${path}.fields.${field}`, `is required for ${key}`);
  }
  if (s.enums !== undefined) {
    if (typeof s.enums !== 'object' || s.enums === null) add(`${path}.enums`, 'must be an object');
    else {
      for (const [field, values] of Object.entries(s.enums as Record<string, unknown>)) {
        if (typeof values !== 'object' || values === null || Object.values(values).some((v) => typeof v !== 'string')) {
          add(`${path}.enums.${field}`, 'must map 1C enumeration value names to core values (strings)');
        }
      }
    }
  }
  if (s.filter !== undefined && typeof s.filter !== 'string') add(`${path}.filter`, 'must be a $filter string');
}

/** Throws one Error listing every problem; returns the mapping typed when it is valid. */
export function assertMapping(input: unknown): OneCMapping {
  const problems = validateMapping(input);
  if (problems.length > 0) {
    throw new Error(`1C mapping is invalid:\n${problems.map((p) => `- ${p.path || '(root)'}: ${p.message}`).join('\n')}`);
  }
  return input as OneCMapping;
}

/** Entity-set names in a `$metadata` document (EDMX) or a service document (Atom/JSON). */
export function publishedEntitySets(document: string): Set<string> {
  const out = new Set<string>();
  const text = document.trim();
  if (text.startsWith('{')) {
    const json = JSON.parse(text) as { value?: { name?: string; url?: string }[] };
    for (const v of json.value ?? []) if (v.name ?? v.url) out.add((v.name ?? v.url) as string);
    return out;
  }
  for (const m of text.matchAll(/<EntitySet\b[^>]*\bName="([^"]+)"/g)) out.add(decodeXml(m[1]));
  for (const m of text.matchAll(/<collection\b[^>]*\bhref="([^"]+)"/g)) out.add(decodeXml(m[1]));
  return out;
}

function decodeXml(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * Names every entity set the mapping reads that the server does not publish, each with the
 * fix for the 1C administrator, so a missing set is reported on start instead of failing later.
 */
export function checkPublished(mapping: OneCMapping, published: ReadonlySet<string>): MappingProblem[] {
  const problems: MappingProblem[] = [];
  for (const { path, source } of allSources(mapping)) {
    if (!published.has(source.set)) {
      problems.push({ path, message: `${source.set} is not published: publish ${source.set} in the standard OData interface` });
    }
  }
  return problems;
}
