/**
 * A CrmSnapshot as the tables a 1C infobase would publish through the standard OData interface,
 * laid out by a mapping: catalogs and documents with their standard properties, tabular parts,
 * periodic information registers (statuses, prices) with history for SliceLast.
 */
import { createHash } from 'node:crypto';
import type { Activity, Apartment, Booking, BookingResource, Building, EntityName, PricePoint } from '../src/core.js';
import type { CrmSnapshot } from '@crmkit/adapter-mock';
import { EMPTY_GUID, instantToWallClock } from '../src/convert.js';
import { FIELD_KINDS } from '../src/kinds.js';
import type { ActivitySource, BindingSource, EntitySource, OneCMapping } from '../src/mapping.js';
import { fieldsToRow, type EdmType, type Row } from '../src/rows.js';

export type SetKind = 'Catalog' | 'Document' | 'InformationRegister';

export interface Table {
  readonly name: string;
  readonly kind: SetKind;
  readonly rows: Row[];
  readonly types: Map<string, EdmType>;
  /** Tabular part name → its column types. */
  readonly tabulars: Map<string, Map<string, EdmType>>;
}

export type Tables = Map<string, Table>;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A stable GUID for a non-GUID id of an entity kind. */
export function guidFor(kind: string, id: string): string {
  if (GUID.test(id)) return id.toLowerCase();
  const h = createHash('sha1').update(`${kind}:${id}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** Which entity a reference field points to, for turning snapshot ids into GUIDs. */
const REF_TARGET: Record<string, string> = {
  projectId: 'project',
  buildingId: 'building',
  sectionId: 'section',
  apartmentId: 'apartment',
  companyId: 'company',
  companyIds: 'company',
  parentCompanyId: 'company',
  contactId: 'contact',
  contactIds: 'contact',
  responsibleId: 'employee',
  createdById: 'employee',
  authorId: 'employee',
  completedById: 'employee',
  managerId: 'employee',
  employeeId: 'employee',
  headId: 'employee',
  departmentIds: 'department',
  dealId: 'deal',
  invoiceId: 'invoice',
  funnelId: 'funnel',
  stageId: 'stage',
  resourceId: 'resource',
  meetingId: 'meeting',
};

function mapIds(entity: string, record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...record };
  out.id = guidFor(entity === 'stage' ? 'stage' : entity, String(record.id));
  for (const [field, target] of Object.entries(REF_TARGET)) {
    const v = record[field];
    if (v === undefined || v === null) continue;
    if (entity === 'department' && field === 'parentId') continue;
    out[field] = Array.isArray(v) ? v.map((x) => guidFor(target, String(x))) : guidFor(target, String(v));
  }
  if (entity === 'department' && record.parentId) out.parentId = guidFor('department', String(record.parentId));
  return out;
}

/**
 * The snapshot with every id and reference as a GUID, as 1C would have them. GUID ids are kept,
 * so a snapshot made for 1C round-trips unchanged.
 */
export function guidifySnapshot(snapshot: CrmSnapshot): CrmSnapshot {
  const e = snapshot.entities;
  const entities: Record<string, unknown[]> = {};
  for (const [name, list] of Object.entries(e) as unknown as [EntityName, Record<string, unknown>[]][]) {
    if (!list) continue;
    entities[name] = list.map((r) => {
      const m = mapIds(name, r);
      if (name === 'building') {
        m.sections = (r as unknown as Building).sections.map((s) => ({ ...s, id: guidFor('section', s.id) }));
      }
      if (name === 'funnel') {
        m.stages = (r.stages as Record<string, unknown>[]).map((s) => mapIds('stage', s));
      }
      if (name === 'activity') {
        m.bindings = (r as unknown as Activity).bindings.map((b) => ({ kind: b.kind, id: guidFor(b.kind, b.id) }));
      }
      if (name === 'booking') {
        m.clientRefs = (r as unknown as Booking).clientRefs.map((c) => ({ kind: c.kind, id: guidFor(c.kind, c.id) }));
      }
      if (name === 'apartment' && (r as unknown as Apartment).booking) {
        const b = (r as unknown as Apartment).booking!;
        m.booking = {
          ...b,
          ...(b.clientRef ? { clientRef: { kind: b.clientRef.kind, id: guidFor(b.clientRef.kind, b.clientRef.id) } } : {}),
          ...(b.managerId ? { managerId: guidFor('employee', b.managerId) } : {}),
        };
      }
      return m;
    });
  }
  const userId = snapshot.userId ? guidFor('employee', snapshot.userId) : undefined;
  return { ...snapshot, ...(userId ? { userId } : {}), entities: entities as CrmSnapshot['entities'] };
}

/** 1C's DataVersion: an opaque short string that changes with every write. */
export function dataVersion(seed: string): string {
  return createHash('md5').update(seed).digest('base64').slice(0, 12);
}

class TableBuilder {
  readonly tables: Tables = new Map();
  constructor(private readonly timeZone: string) {}

  table(name: string, kind: SetKind): Table {
    let t = this.tables.get(name);
    if (!t) {
      t = { name, kind, rows: [], types: new Map(), tabulars: new Map() };
      this.tables.set(name, t);
    }
    return t;
  }

  add(source: EntitySource, kindsKey: string, record: Record<string, unknown>, extra: Row = {}, extraTypes: Record<string, EdmType> = {}): Row {
    const kind = setKind(source.set);
    const t = this.table(source.set, kind);
    const types = new Map<string, EdmType>();
    const row = fieldsToRow(record, source, kindsKey, { timeZone: this.timeZone }, types);
    const std: Row = {};
    if (kind === 'Catalog') {
      std.Ref_Key = record.id;
      std.DataVersion = dataVersion(`${String(record.id)}|${String(record.modifiedAt ?? record.createdAt ?? '')}`);
      std.DeletionMark = false;
      std.Code = String(t.rows.length + 1).padStart(9, '0');
      std.Description = '';
      std.Predefined = false;
      std.PredefinedDataName = '';
      t.types.set('Ref_Key', 'Edm.Guid').set('DataVersion', 'Edm.String').set('DeletionMark', 'Edm.Boolean');
      t.types.set('Code', 'Edm.String').set('Description', 'Edm.String').set('Predefined', 'Edm.Boolean').set('PredefinedDataName', 'Edm.String');
      if (source.filter?.includes('IsFolder')) {
        std.IsFolder = false;
        std.Parent_Key = EMPTY_GUID;
        t.types.set('IsFolder', 'Edm.Boolean').set('Parent_Key', 'Edm.Guid');
      }
    } else if (kind === 'Document') {
      std.Ref_Key = record.id;
      std.DataVersion = dataVersion(`${String(record.id)}|${String(record.modifiedAt ?? record.createdAt ?? '')}`);
      std.DeletionMark = false;
      std.Number = String(t.rows.length + 1).padStart(11, '0');
      std.Date = instantToWallClock(Number(record.createdAt ?? 0), this.timeZone);
      std.Posted = true;
      t.types.set('Ref_Key', 'Edm.Guid').set('DataVersion', 'Edm.String').set('DeletionMark', 'Edm.Boolean');
      t.types.set('Number', 'Edm.String').set('Date', 'Edm.DateTime').set('Posted', 'Edm.Boolean');
    }
    const full = { ...std, ...row, ...extra };
    for (const [k, v] of types) {
      const slash = k.indexOf('/');
      if (slash > 0) {
        const part = k.slice(0, slash);
        if (!t.tabulars.has(part)) t.tabulars.set(part, new Map([['LineNumber', 'Edm.Int64']]));
        t.tabulars.get(part)!.set(k.slice(slash + 1), v);
      } else t.types.set(k, v);
    }
    for (const [k, v] of Object.entries(extraTypes)) {
      const slash = k.indexOf('/');
      if (slash > 0) {
        const part = k.slice(0, slash);
        if (!t.tabulars.has(part)) t.tabulars.set(part, new Map([['LineNumber', 'Edm.Int64']]));
        t.tabulars.get(part)!.set(k.slice(slash + 1), v);
      } else t.types.set(k, v);
    }
    t.rows.push(full);
    return full;
  }
}

export function setKind(set: string): SetKind {
  if (set.startsWith('Catalog_')) return 'Catalog';
  if (set.startsWith('Document_')) return 'Document';
  return 'InformationRegister';
}

/**
 * Builds every table the mapping names from a GUID snapshot (see {@link guidifySnapshot}).
 * Each catalog and document set also gets one row marked for deletion, which a correct client
 * never shows.
 */
export function buildTables(snapshot: CrmSnapshot, mapping: OneCMapping, timeZone: string): Tables {
  const b = new TableBuilder(timeZone);
  const m = mapping.entities;
  const e = snapshot.entities;
  const tz = { timeZone };
  const now = snapshot.generatedAt ?? Date.now();

  if (m.project) for (const r of e.project ?? []) b.add(m.project, 'project', { ...r });
  if (m.building) {
    for (const r of e.building ?? []) {
      b.add(m.building, 'building', { ...r });
      r.sections.forEach((s, i) => {
        if (m.building?.sections) b.add(m.building.sections, 'building.sections', { id: s.id, buildingId: r.id, name: s.name, columns: s.columns, sort: i + 1 });
        if (m.building?.floors) {
          for (const n of s.floors) b.add(m.building.floors, 'building.floors', { id: guidFor('floor', `${s.id}:${n}`), sectionId: s.id, number: n });
        }
      });
    }
  }
  const pricePoints = new Map<string, PricePoint[]>();
  for (const p of e.pricePoint ?? []) {
    const list = pricePoints.get(p.apartmentId) ?? [];
    list.push(p);
    pricePoints.set(p.apartmentId, list);
  }
  if (m.apartment) {
    const contacts = new Map((e.contact ?? []).map((c) => [c.id, c.name]));
    const companies = new Map((e.company ?? []).map((c) => [c.id, c.title]));
    for (const a of e.apartment ?? []) {
      b.add(m.apartment, 'apartment', { ...a });
      if (m.apartment.status) {
        const since = a.onSaleSince ?? a.statusAt - 86_400_000 * 30;
        if (a.status !== 'free' && since < a.statusAt) {
          b.add(m.apartment.status, 'apartment.status', { apartmentId: a.id, projectId: a.projectId, at: since, status: 'free' });
        }
        const bk = a.booking;
        b.add(m.apartment.status, 'apartment.status', {
          apartmentId: a.id,
          projectId: a.projectId,
          at: a.statusAt,
          status: a.status,
          ...(bk
            ? {
                bookedAt: bk.bookedAt,
                bookingExpiresAt: bk.expiresAt,
                bookingPaid: bk.paid,
                bookingPrice: bk.price,
                clientId: bk.clientRef?.id,
                managerId: bk.managerId,
              }
            : {}),
        });
        void contacts;
        void companies;
      }
      if (m.apartment.price) {
        const points = (pricePoints.get(a.id) ?? []).slice().sort((x, y) => x.at - y.at);
        for (const p of points) b.add(m.apartment.price, 'apartment.price', { apartmentId: a.id, projectId: a.projectId, at: p.at, price: p.price });
        const last = points[points.length - 1];
        if (!last || last.price !== a.price) {
          b.add(m.apartment.price, 'apartment.price', { apartmentId: a.id, projectId: a.projectId, at: Math.max(last ? last.at + 1000 : 0, a.onSaleSince ?? a.statusAt), price: a.price });
        }
      }
    }
  }
  const clientSource = (name: 'contact' | 'company') => {
    const src = m[name];
    if (!src) return;
    for (const r of e[name] ?? []) {
      const extra: Row = {};
      const extraTypes: Record<string, EdmType> = {};
      if (src.comms) {
        const c = src.comms;
        extra[c.tabular] = r.comms.map((v, i) => ({
          LineNumber: String(i + 1),
          [c.type]: Object.entries(c.types).find(([, core]) => core === v.type)?.[0] ?? 'Другое',
          [c.value]: v.value,
          ...(c.valueType ? { [c.valueType]: v.valueType ?? '' } : {}),
        }));
        extraTypes[`${c.tabular}/${c.type}`] = 'Edm.String';
        extraTypes[`${c.tabular}/${c.value}`] = 'Edm.String';
        if (c.valueType) extraTypes[`${c.tabular}/${c.valueType}`] = 'Edm.String';
      }
      b.add(src, name, { ...r }, extra, extraTypes);
    }
  };
  clientSource('contact');
  clientSource('company');
  if (m.lead) for (const r of e.lead ?? []) b.add(m.lead, 'lead', { ...r });
  if (m.deal) for (const r of e.deal ?? []) b.add(m.deal, 'deal', { ...r });
  if (m.invoice) for (const r of e.invoice ?? []) b.add(m.invoice, 'invoice', { ...r });
  if (m.employee) for (const r of e.employee ?? []) b.add(m.employee, 'employee', { ...r });
  if (m.department) for (const r of e.department ?? []) b.add(m.department, 'department', { ...r });
  if (m.funnel) {
    for (const f of e.funnel ?? []) {
      b.add(m.funnel, 'funnel', { ...f });
      if (m.funnel.stages) for (const s of f.stages) b.add(m.funnel.stages, 'funnel.stages', { ...s });
    }
  }
  if (m.activity) {
    for (const a of e.activity ?? []) {
      const src: ActivitySource | undefined = m.activity.find((s) => s.constants?.kind === a.kind);
      if (!src) continue;
      const extra: Row = {};
      const extraTypes: Record<string, EdmType> = {};
      for (const bind of src.bindings ?? ([] as readonly BindingSource[])) {
        const ids = a.bindings.filter((x) => x.kind === bind.kind).map((x) => x.id);
        const at = bind.property.indexOf('[].');
        if (at >= 0) {
          const part = bind.property.slice(0, at);
          const prop = bind.property.slice(at + 3);
          extra[part] = ids.map((id, i) => ({ LineNumber: String(i + 1), [prop]: id }));
          extraTypes[`${part}/${prop}`] = 'Edm.Guid';
        } else {
          extra[bind.property] = ids[0] ?? EMPTY_GUID;
          extraTypes[bind.property] = 'Edm.Guid';
        }
      }
      b.add(src, 'activity', { ...a }, extra, extraTypes);
    }
  }
  if (m.resource) {
    for (const r of e.resource ?? []) {
      const extra: Row = {};
      const extraTypes: Record<string, EdmType> = {};
      const s = m.resource.schedule;
      if (s) {
        const rows: Row[] = [];
        for (const [day, hours] of Object.entries(r.schedule.days)) {
          if (!hours) continue;
          const breaks = hours.breaks.length > 0 ? hours.breaks : [undefined];
          for (const br of breaks) {
            rows.push({
              LineNumber: String(rows.length + 1),
              [s.day]: String(day),
              [s.start]: `0001-01-01T${hours.start}:00`,
              [s.end]: `0001-01-01T${hours.end}:00`,
              ...(s.breakStart ? { [s.breakStart]: br ? `0001-01-01T${br.start}:00` : '0001-01-01T00:00:00' } : {}),
              ...(s.breakEnd ? { [s.breakEnd]: br ? `0001-01-01T${br.end}:00` : '0001-01-01T00:00:00' } : {}),
            });
          }
        }
        extra[s.tabular] = rows;
        extraTypes[`${s.tabular}/${s.day}`] = 'Edm.Int64';
        for (const p of [s.start, s.end, s.breakStart, s.breakEnd]) if (p) extraTypes[`${s.tabular}/${p}`] = 'Edm.DateTime';
      }
      b.add(m.resource, 'resource', { ...r, slotMinutes: r.schedule.slotMinutes }, extra, extraTypes);
      if (m.resource.exceptions) {
        for (const x of r.exceptions) {
          b.add(m.resource.exceptions, 'resource.exceptions', {
            resourceId: r.id,
            date: x.date,
            dayOff: x.hours === null,
            start: x.hours?.start,
            end: x.hours?.end,
            reason: x.reason,
          });
        }
      }
    }
  }
  if (m.booking) {
    const clients = m.booking.clients;
    for (const r of e.booking ?? []) {
      const extra: Row = {};
      const extraTypes: Record<string, EdmType> = {};
      if (clients) {
        extra[clients.tabular] = r.clientRefs.map((c, i) => ({
          LineNumber: String(i + 1),
          [clients.property]: c.id,
          [`${clients.property}_Type`]: `StandardODATA.${c.kind === 'contact' ? m.contact?.set : m.company?.set}`,
        }));
        extraTypes[`${clients.tabular}/${clients.property}`] = 'Edm.String';
        extraTypes[`${clients.tabular}/${clients.property}_Type`] = 'Edm.String';
      }
      const row = b.add(m.booking, 'booking', { ...r }, extra, extraTypes);
      if (m.booking.fields.version === 'DataVersion' && r.version) row.DataVersion = r.version;
    }
  }
  // One deleted row per catalog and document set: a client that forgets DeletionMark shows it.
  for (const t of b.tables.values()) {
    if (t.kind === 'InformationRegister' || t.rows.length === 0) continue;
    const first = t.rows[0];
    t.rows.push({ ...first, Ref_Key: guidFor('deleted', `${t.name}`), DeletionMark: true, DataVersion: dataVersion(`deleted:${t.name}`) });
  }
  void now;
  void tz;
  void FIELD_KINDS;
  return b.tables;
}

/** The status register row that is current for an apartment, and the version derived from it. */
export function apartmentVersion(period: string, status: string): string {
  return `${period}|${status}`;
}

export type { BookingResource };
