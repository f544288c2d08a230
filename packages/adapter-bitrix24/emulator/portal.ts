/**
 * Turns a crmkit snapshot into the tables a Bitrix24 portal keeps. Rows are stored under
 * their legacy UPPER_CASE names with typed values (numbers, epoch ms, arrays); the server
 * renders them per dialect. Ids that are not positive integers get sequential numeric ids,
 * since every Bitrix24 CRM id is an integer.
 */
import type { CrmSnapshot } from '@crmkit/adapter-mock';
import type { Activity, Deal, FieldDefinition, StageSemantics } from '@crmkit/core';
import { activityTime } from '@crmkit/core/model/index.js';
import { DIALOG_KINDS } from '@crmkit/core/rules/clients/classification.js';
import { ENTITY_TYPE_ID } from './schema.js';

export type Value = string | number | boolean | null | readonly Value[] | MultiValue[] | Binding[];
export interface MultiValue {
  readonly ID: number;
  readonly TYPE_ID: 'PHONE' | 'EMAIL' | 'WEB' | 'IM';
  readonly VALUE_TYPE: string;
  readonly VALUE: string;
}
export interface Binding {
  readonly OWNER_TYPE_ID: number;
  readonly OWNER_ID: number;
}
export type Row = Record<string, Value | undefined>;

export interface UserFieldRow {
  readonly ID: number;
  readonly ENTITY_ID: 'CRM_DEAL' | 'CRM_CONTACT' | 'CRM_COMPANY' | 'CRM_LEAD';
  readonly FIELD_NAME: string;
  readonly USER_TYPE_ID: string;
  readonly MULTIPLE: 'Y' | 'N';
  readonly SORT: number;
  readonly LABEL: string;
  readonly LIST?: readonly { ID: number; SORT: number; VALUE: string; DEF: 'N'; XML_ID: string }[];
}

export interface CategoryRow {
  readonly id: number;
  readonly name: string;
  readonly sort: number;
  readonly entityTypeId: number;
  readonly isDefault: 'Y' | 'N';
}

export interface StatusRow {
  readonly ID: number;
  readonly ENTITY_ID: string;
  readonly STATUS_ID: string;
  readonly NAME: string;
  readonly SORT: number;
  readonly SEMANTICS: 'S' | 'F' | null;
  readonly CATEGORY_ID: number | null;
  readonly COLOR: string;
  readonly EXTRA?: { SEMANTICS: string; COLOR: string };
}

export interface PortalTables {
  deal: Row[];
  contact: Row[];
  company: Row[];
  lead: Row[];
  activity: Row[];
  stageHistory: Row[];
  smartInvoice: Row[];
  comment: Row[];
  document: Row[];
  requisite: Row[];
  user: Row[];
  department: Row[];
  categories: CategoryRow[];
  statuses: StatusRow[];
  userFields: UserFieldRow[];
}

const SEMANTIC_CODE: Record<StageSemantics, 'P' | 'S' | 'F'> = { process: 'P', success: 'S', failure: 'F' };

/** Maps arbitrary snapshot ids to integers, keeping numeric ids as they are. */
class IdMap {
  private readonly map = new Map<string, number>();
  private next = 1;
  constructor(ids: readonly string[]) {
    for (const id of ids) {
      const n = Number(id);
      if (Number.isInteger(n) && n > 0 && String(n) === id) {
        this.map.set(id, n);
        this.next = Math.max(this.next, n + 1);
      }
    }
    for (const id of ids) if (!this.map.has(id)) this.map.set(id, this.next++);
  }
  get(id: string | undefined): number {
    if (id === undefined) return 0;
    return this.map.get(id) ?? 0;
  }
}

const USER_TYPE: Record<FieldDefinition['type'], string> = {
  string: 'string',
  number: 'double',
  integer: 'integer',
  money: 'money',
  date: 'date',
  datetime: 'datetime',
  boolean: 'boolean',
  enumeration: 'enumeration',
  employee: 'employee',
  'crm-link': 'crm',
  url: 'url',
  file: 'file',
  address: 'address',
};

const UF_ENTITY: Record<string, UserFieldRow['ENTITY_ID'] | undefined> = {
  deal: 'CRM_DEAL',
  contact: 'CRM_CONTACT',
  company: 'CRM_COMPANY',
  lead: 'CRM_LEAD',
};

/** Activity kind → TYPE_ID / PROVIDER_ID / PROVIDER_TYPE_ID, as crm.activity.list reports them. */
export const ACTIVITY_PROVIDERS: Record<Exclude<Activity['kind'], 'comment' | 'document'>, { TYPE_ID: number; PROVIDER_ID: string; PROVIDER_TYPE_ID: string }> = {
  call: { TYPE_ID: 2, PROVIDER_ID: 'VOXIMPLANT_CALL', PROVIDER_TYPE_ID: 'CALL' },
  email: { TYPE_ID: 4, PROVIDER_ID: 'CRM_EMAIL', PROVIDER_TYPE_ID: 'EMAIL' },
  meeting: { TYPE_ID: 1, PROVIDER_ID: 'CRM_MEETING', PROVIDER_TYPE_ID: 'MEETING' },
  task: { TYPE_ID: 3, PROVIDER_ID: 'CRM_TASKS_TASK', PROVIDER_TYPE_ID: 'TASKS_TASK' },
  todo: { TYPE_ID: 6, PROVIDER_ID: 'CRM_TODO', PROVIDER_TYPE_ID: 'TODO' },
  messenger: { TYPE_ID: 6, PROVIDER_ID: 'IMOPENLINES_SESSION', PROVIDER_TYPE_ID: 'telegrambot' },
  'open-line': { TYPE_ID: 6, PROVIDER_ID: 'IMOPENLINES_SESSION', PROVIDER_TYPE_ID: 'livechat' },
};

const OWNER_TYPE: Record<string, number | undefined> = {
  lead: ENTITY_TYPE_ID.lead,
  deal: ENTITY_TYPE_ID.deal,
  contact: ENTITY_TYPE_ID.contact,
  company: ENTITY_TYPE_ID.company,
  invoice: ENTITY_TYPE_ID.smartInvoice,
};

const INVOICE_STAGE = { draft: 'DT31_1:N', sent: 'DT31_1:S', 'partially-paid': 'DT31_1:1', paid: 'DT31_1:P', cancelled: 'DT31_1:D' } as const;

function fieldValues(values: Readonly<Record<string, unknown>> | undefined, defs: Map<string, FieldDefinition>): Row {
  const out: Row = {};
  for (const [code, v] of Object.entries(values ?? {})) {
    if (!code.startsWith('UF_')) continue;
    const def = defs.get(code);
    if (def?.type === 'employee' && v !== null) {
      out[code] = Array.isArray(v) ? v.map((x) => Number(x)) : Number(v);
    } else {
      out[code] = v as Value;
    }
  }
  return out;
}

/** Builds the portal tables from a snapshot. */
export function buildPortal(snapshot: CrmSnapshot): PortalTables {
  const e = snapshot.entities;
  const deals = e.deal ?? [];
  const contacts = e.contact ?? [];
  const companies = e.company ?? [];
  const leads = e.lead ?? [];
  const funnels = e.funnel ?? [];
  const activities = e.activity ?? [];
  const invoices = e.invoice ?? [];
  const payments = e.payment ?? [];
  const employees = e.employee ?? [];
  const departments = e.department ?? [];

  const dealIds = new IdMap(deals.map((d) => d.id));
  const contactIds = new IdMap(contacts.map((c) => c.id));
  const companyIds = new IdMap(companies.map((c) => c.id));
  const leadIds = new IdMap(leads.map((l) => l.id));
  const invoiceIds = new IdMap(invoices.map((i) => i.id));
  const userIds = new IdMap(employees.map((u) => u.id));
  const depIds = new IdMap(departments.map((d) => d.id));
  const funnelIds = new IdMap(funnels.map((f) => f.id).filter((id) => id !== '0'));
  const funnelNum = (id: string): number => (id === '0' ? 0 : funnelIds.get(id));
  const user = (id: string | undefined): number => (id === undefined ? 0 : userIds.get(id) || Number(id) || 0);
  const refId = (kind: string, id: string): number => {
    switch (kind) {
      case 'deal':
        return dealIds.get(id);
      case 'contact':
        return contactIds.get(id);
      case 'company':
        return companyIds.get(id);
      case 'lead':
        return leadIds.get(id);
      case 'invoice':
        return invoiceIds.get(id);
      default:
        return 0;
    }
  };

  const defs = new Map<string, FieldDefinition>();
  for (const d of e.fieldDefinition ?? []) if (!d.builtIn) defs.set(d.code, d);

  // Dictionaries: categories and stages.
  const categories: CategoryRow[] = [];
  const statuses: StatusRow[] = [];
  let statusId = 1;
  const funnelList = funnels.length ? funnels : [{ id: '0', name: 'Общая', stages: [] }];
  funnelList.forEach((fn, i) => {
    const cat = funnelNum(fn.id);
    categories.push({ id: cat, name: fn.name, sort: (i + 1) * 100, entityTypeId: ENTITY_TYPE_ID.deal, isDefault: i === 0 ? 'Y' : 'N' });
    for (const st of fn.stages) {
      statuses.push({
        ID: statusId++,
        ENTITY_ID: cat === 0 ? 'DEAL_STAGE' : `DEAL_STAGE_${cat}`,
        STATUS_ID: st.id,
        NAME: st.name,
        SORT: st.sort,
        SEMANTICS: st.semantics === 'success' ? 'S' : st.semantics === 'failure' ? 'F' : null,
        CATEGORY_ID: cat,
        COLOR: st.color ?? '#39A8EF',
        EXTRA: { SEMANTICS: st.semantics, COLOR: st.color ?? '#39A8EF' },
      });
    }
  });
  const leadStatuses: [string, string, 'S' | 'F' | null][] = [
    ['NEW', 'Не обработан', null],
    ['IN_PROCESS', 'В работе', null],
    ['CONVERTED', 'Качественный лид', 'S'],
    ['JUNK', 'Некачественный лид', 'F'],
  ];
  leadStatuses.forEach(([id, name, sem], i) =>
    statuses.push({ ID: statusId++, ENTITY_ID: 'STATUS', STATUS_ID: id, NAME: name, SORT: (i + 1) * 10, SEMANTICS: sem, CATEGORY_ID: null, COLOR: '#39A8EF' }),
  );

  // User fields with enumeration items.
  const userFields: UserFieldRow[] = [];
  let ufId = 1;
  let enumId = 1;
  for (const d of defs.values()) {
    const entity = UF_ENTITY[d.owner];
    if (!entity) continue;
    userFields.push({
      ID: ufId++,
      ENTITY_ID: entity,
      FIELD_NAME: d.code,
      USER_TYPE_ID: USER_TYPE[d.type],
      MULTIPLE: d.multiple ? 'Y' : 'N',
      SORT: ufId * 100,
      LABEL: d.label,
      ...(d.type === 'enumeration'
        ? {
            LIST: (d.options ?? []).map((o, i) => {
              const n = Number(o.id);
              const id = Number.isInteger(n) && n > 0 ? n : 100000 + enumId++;
              return { ID: id, SORT: o.sort ?? (i + 1) * 10, VALUE: o.label, DEF: 'N' as const, XML_ID: o.id };
            }),
          }
        : {}),
    });
  }
  // Enumeration values are stored as the item ID, as Bitrix24 does.
  const enumMap = new Map<string, Map<string, number>>();
  for (const uf of userFields) if (uf.LIST) enumMap.set(uf.FIELD_NAME, new Map(uf.LIST.map((o) => [o.XML_ID, o.ID])));
  const ufs = (values: Readonly<Record<string, unknown>> | undefined): Row => {
    const row = fieldValues(values, defs);
    for (const [code, v] of Object.entries(row)) {
      const m = enumMap.get(code);
      if (!m || v === null || v === undefined) continue;
      row[code] = Array.isArray(v) ? v.map((x) => m.get(String(x)) ?? Number(x)) : (m.get(String(v)) ?? Number(v));
    }
    return row;
  };

  const multi = (comms: readonly { type: string; value: string; valueType?: string }[], counter: { n: number }): Row => {
    const out: Record<string, MultiValue[]> = { PHONE: [], EMAIL: [], WEB: [], IM: [] };
    for (const c of comms) {
      const TYPE_ID = c.type === 'phone' ? 'PHONE' : c.type === 'email' ? 'EMAIL' : c.type === 'web' ? 'WEB' : 'IM';
      const VALUE_TYPE = c.valueType ?? (TYPE_ID === 'IM' ? 'TELEGRAM' : 'WORK');
      out[TYPE_ID].push({ ID: counter.n++, TYPE_ID, VALUE_TYPE, VALUE: c.value });
    }
    return {
      PHONE: out.PHONE,
      EMAIL: out.EMAIL,
      WEB: out.WEB,
      IM: out.IM,
      HAS_PHONE: out.PHONE.length > 0,
      HAS_EMAIL: out.EMAIL.length > 0,
      HAS_IMOL: out.IM.length > 0,
    };
  };
  const fmCounter = { n: 1 };

  const stageSemantic = (d: Deal): 'P' | 'S' | 'F' => SEMANTIC_CODE[d.stageSemantics] ?? 'P';

  const dealRows: Row[] = deals.map((d) => ({
    ID: dealIds.get(d.id),
    TITLE: d.title,
    CATEGORY_ID: funnelNum(d.funnelId),
    STAGE_ID: d.stageId,
    STAGE_SEMANTIC_ID: stageSemantic(d),
    OPPORTUNITY: d.amount,
    CURRENCY_ID: d.currency,
    COMPANY_ID: d.companyId ? companyIds.get(d.companyId) : 0,
    CONTACT_ID: d.contactIds.length ? contactIds.get(d.contactIds[0]) : 0,
    CONTACT_IDS: d.contactIds.map((c) => contactIds.get(c)),
    ASSIGNED_BY_ID: user(d.responsibleId),
    CREATED_BY_ID: user(d.createdById),
    DATE_CREATE: d.createdAt,
    DATE_MODIFY: d.modifiedAt,
    CLOSED: d.stageSemantics !== 'process',
    // Bitrix24 sets CLOSEDATE to the closing day when a deal is closed; before that it is the plan.
    CLOSEDATE: d.closedAt ?? d.expectedCloseAt ?? null,
    SOURCE_ID: d.sourceId ?? null,
    ...ufs(d.fields),
  }));

  const contactRows: Row[] = contacts.map((c) => ({
    ID: contactIds.get(c.id),
    NAME: c.firstName ?? (c.lastName ? '' : c.name),
    LAST_NAME: c.lastName ?? '',
    SECOND_NAME: '',
    BIRTHDATE: c.birthday ?? null,
    COMPANY_ID: c.companyIds.length ? companyIds.get(c.companyIds[0]) : 0,
    COMPANY_IDS: c.companyIds.map((x) => companyIds.get(x)),
    ASSIGNED_BY_ID: user(c.responsibleId),
    CREATED_BY_ID: user(c.createdById),
    DATE_CREATE: c.createdAt,
    DATE_MODIFY: c.modifiedAt,
    ...multi(c.comms, fmCounter),
    ...ufs(c.fields),
  }));

  const companyRows: Row[] = companies.map((c) => ({
    ID: companyIds.get(c.id),
    TITLE: c.title,
    INDUSTRY: c.industry ?? null,
    CONTACT_IDS: c.contactIds.map((x) => contactIds.get(x)),
    ASSIGNED_BY_ID: user(c.responsibleId),
    CREATED_BY_ID: user(c.createdById),
    DATE_CREATE: c.createdAt,
    DATE_MODIFY: c.modifiedAt,
    ...multi(c.comms, fmCounter),
    ...ufs(c.fields),
  }));

  const requisite: Row[] = [];
  let reqId = 1;
  for (const c of contacts) if (c.hasRequisites) requisite.push({ ID: reqId++, ENTITY_TYPE_ID: 3, ENTITY_ID: contactIds.get(c.id), NAME: 'Реквизит' });
  for (const c of companies) if (c.hasRequisites) requisite.push({ ID: reqId++, ENTITY_TYPE_ID: 4, ENTITY_ID: companyIds.get(c.id), NAME: 'Реквизит' });

  const LEAD_STATUS = { new: 'NEW', 'in-work': 'IN_PROCESS', converted: 'CONVERTED', junk: 'JUNK' } as const;
  const leadRows: Row[] = leads.map((l) => ({
    ID: leadIds.get(l.id),
    TITLE: l.title,
    STATUS_ID: LEAD_STATUS[l.status],
    CONTACT_ID: l.contactId ? contactIds.get(l.contactId) : 0,
    COMPANY_ID: l.companyId ? companyIds.get(l.companyId) : 0,
    ASSIGNED_BY_ID: user(l.responsibleId),
    DATE_CREATE: l.createdAt,
    DATE_MODIFY: l.modifiedAt,
  }));

  // Activities, comments and documents come from three different methods.
  const activityRows: Row[] = [];
  const commentRows: Row[] = [];
  const documentRows: Row[] = [];
  const actIds = new IdMap(activities.filter((a) => a.kind !== 'comment' && a.kind !== 'document').map((a) => a.id));
  let commentId = 1;
  let documentId = 1;
  for (const a of activities) {
    const bindings: Binding[] = a.bindings
      .map((b) => ({ OWNER_TYPE_ID: OWNER_TYPE[b.kind] ?? 0, OWNER_ID: refId(b.kind, b.id) }))
      .filter((b) => b.OWNER_TYPE_ID > 0 && b.OWNER_ID > 0);
    const first = bindings[0] ?? { OWNER_TYPE_ID: 0, OWNER_ID: 0 };
    if (a.kind === 'comment') {
      for (const b of bindings.length ? bindings : [first]) {
        commentRows.push({
          ID: commentId++,
          ENTITY_ID: b.OWNER_ID,
          ENTITY_TYPE: ENTITY_NAME_LOWER[b.OWNER_TYPE_ID] ?? 'deal',
          CREATED: a.createdAt,
          COMMENT: a.description ?? a.subject,
          AUTHOR_ID: user(a.authorId ?? a.responsibleId),
        });
      }
      continue;
    }
    if (a.kind === 'document') {
      for (const b of bindings.length ? bindings : [first]) {
        documentRows.push({
          id: documentId++,
          title: a.subject,
          number: String(documentId),
          templateId: 1,
          entityTypeId: b.OWNER_TYPE_ID,
          entityId: b.OWNER_ID,
          createTime: a.createdAt,
          updateTime: a.completedAt ?? a.createdAt,
          createdBy: user(a.authorId ?? a.responsibleId),
        });
      }
      continue;
    }
    const p = ACTIVITY_PROVIDERS[a.kind];
    const start = a.startAt ?? null;
    const end = a.kind === 'call' && start !== null && a.durationSec !== undefined ? start + a.durationSec * 1000 : (a.deadline ?? start);
    activityRows.push({
      ID: actIds.get(a.id),
      OWNER_ID: first.OWNER_ID,
      OWNER_TYPE_ID: first.OWNER_TYPE_ID,
      TYPE_ID: p.TYPE_ID,
      PROVIDER_ID: p.PROVIDER_ID,
      PROVIDER_TYPE_ID: a.kind === 'messenger' || a.kind === 'open-line' ? (a.channel ?? p.PROVIDER_TYPE_ID) : p.PROVIDER_TYPE_ID,
      SUBJECT: a.subject,
      DESCRIPTION: a.description ?? '',
      DIRECTION: a.direction === 'incoming' ? 1 : a.direction === 'outgoing' ? 2 : 0,
      START_TIME: start,
      END_TIME: end,
      DEADLINE: a.deadline ?? (a.kind === 'call' || a.kind === 'meeting' ? start : end),
      COMPLETED: a.completed,
      RESPONSIBLE_ID: user(a.responsibleId),
      AUTHOR_ID: user(a.authorId ?? a.responsibleId),
      EDITOR_ID: user(a.completedById ?? a.authorId ?? a.responsibleId),
      CREATED: a.createdAt,
      LAST_UPDATED: a.completedAt ?? a.createdAt,
      BINDINGS: bindings,
    });
  }

  // LAST_ACTIVITY_TIME / lastActivityTime of contacts, companies and deals, as the portal keeps it:
  // the latest activity bound to the record that took place by the snapshot's "now" (done
  // activities at their time, and open dialogs whose time has come), by core's activityTime,
  // so it agrees with the client base's classification of the same activities.
  const lastAt = lastActivityTimes(activities.filter((a) => a.kind !== 'comment' && a.kind !== 'document'), snapshot.generatedAt ?? Date.now(), (kind, id) => (OWNER_TYPE[kind] === undefined ? 0 : refId(kind, id)));
  for (const [rows, type] of [[dealRows, ENTITY_TYPE_ID.deal], [contactRows, ENTITY_TYPE_ID.contact], [companyRows, ENTITY_TYPE_ID.company]] as const) {
    for (const row of rows) row.LAST_ACTIVITY_TIME = lastAt.get(`${type}:${Number(row.ID)}`) ?? null;
  }

  // Stage history of deals.
  const stageHistory: Row[] = [];
  const funnelOfStage = new Map<string, number>();
  for (const s of statuses) if (s.CATEGORY_ID !== null) funnelOfStage.set(s.STATUS_ID, s.CATEGORY_ID);
  let histId = 1;
  const movesByDeal = new Map<string, number>();
  for (const m of [...(e.stageMove ?? [])].sort((a, b) => a.at - b.at)) {
    const n = movesByDeal.get(m.dealId) ?? 0;
    movesByDeal.set(m.dealId, n + 1);
    stageHistory.push({
      ID: histId++,
      TYPE_ID: n === 0 ? 1 : m.stageSemantics === 'process' ? 2 : 3,
      OWNER_ID: dealIds.get(m.dealId),
      CREATED_TIME: m.at,
      CATEGORY_ID: funnelNum(m.funnelId),
      STAGE_SEMANTIC_ID: SEMANTIC_CODE[m.stageSemantics],
      STAGE_ID: m.stageId,
    });
  }

  // Smart invoices; a payment marks its invoice paid at the payment's time.
  const paidAt = new Map<string, number>();
  for (const p of payments) if (p.invoiceId) paidAt.set(p.invoiceId, Math.max(paidAt.get(p.invoiceId) ?? 0, p.paidAt));
  const smartInvoice: Row[] = invoices.map((i) => ({
    ID: invoiceIds.get(i.id),
    TITLE: i.title,
    ACCOUNT_NUMBER: i.number,
    OPPORTUNITY: i.amount,
    CURRENCY_ID: i.currency,
    STAGE_ID: INVOICE_STAGE[i.status],
    CATEGORY_ID: 1,
    PARENT_ID_2: i.dealId ? dealIds.get(i.dealId) : 0,
    CONTACT_ID: i.contactId ? contactIds.get(i.contactId) : 0,
    COMPANY_ID: i.companyId ? companyIds.get(i.companyId) : 0,
    ASSIGNED_BY_ID: user(i.responsibleId),
    CREATED_TIME: i.createdAt,
    UPDATED_TIME: i.modifiedAt,
    MOVED_TIME: paidAt.get(i.id) ?? i.modifiedAt,
    CLOSEDATE: i.dueAt ?? null,
  }));
  for (const [key, name, sem] of [
    ['DT31_1:N', 'Новый', null],
    ['DT31_1:S', 'Отправлен клиенту', null],
    ['DT31_1:1', 'Частично оплачен', null],
    ['DT31_1:P', 'Оплачен', 'S'],
    ['DT31_1:D', 'Отменён', 'F'],
  ] as const) {
    statuses.push({ ID: statusId++, ENTITY_ID: 'SMART_INVOICE_STAGE_1', STATUS_ID: key, NAME: name, SORT: statusId * 10, SEMANTICS: sem, CATEGORY_ID: 1, COLOR: '#39A8EF' });
  }

  const userRows: Row[] = employees.map((u) => ({
    ID: userIds.get(u.id),
    ACTIVE: u.active,
    NAME: u.firstName ?? u.name,
    LAST_NAME: u.lastName ?? '',
    SECOND_NAME: u.secondName ?? '',
    EMAIL: u.email ?? '',
    WORK_POSITION: u.position ?? '',
    WORK_PHONE: u.phone ?? '',
    PERSONAL_PHOTO: u.photoUrl ?? '',
    UF_DEPARTMENT: u.departmentIds.map((d) => depIds.get(d)),
  }));
  const depRows: Row[] = departments.map((d, i) => ({
    ID: depIds.get(d.id),
    NAME: d.name,
    SORT: (i + 1) * 10,
    PARENT: d.parentId ? depIds.get(d.parentId) : null,
    UF_HEAD: d.headId ? userIds.get(d.headId) : null,
  }));

  const byId = (a: Row, b: Row) => Number(a.ID ?? a.id) - Number(b.ID ?? b.id);
  return {
    deal: dealRows.sort(byId),
    contact: contactRows.sort(byId),
    company: companyRows.sort(byId),
    lead: leadRows.sort(byId),
    activity: activityRows.sort(byId),
    stageHistory,
    smartInvoice: smartInvoice.sort(byId),
    comment: commentRows,
    document: documentRows,
    requisite,
    user: userRows.sort(byId),
    department: depRows.sort(byId),
    categories,
    statuses,
    userFields,
  };
}

const DIALOGS: ReadonlySet<string> = new Set(DIALOG_KINDS);

/**
 * The last activity time per bound record (`<ownerTypeId>:<id>` → epoch ms): of every activity
 * that took place by `now` — a done one, or an open dialog (call, e-mail, messenger, open line)
 * whose time has come — the latest {@link activityTime}. An activity bound to a deal and a
 * contact counts for both; one bound only to a deal counts for the deal.
 */
export function lastActivityTimes(activities: readonly Activity[], now: number, ownerId: (kind: string, id: string) => number): Map<string, number> {
  const out = new Map<string, number>();
  for (const a of activities) {
    const at = activityTime(a);
    if (!(at <= now) || !(a.completed || DIALOGS.has(a.kind))) continue;
    for (const b of a.bindings) {
      const type = OWNER_TYPE[b.kind];
      const id = ownerId(b.kind, b.id);
      if (type === undefined || id <= 0) continue;
      const key = `${type}:${id}`;
      if (!((out.get(key) ?? -Infinity) >= at)) out.set(key, at);
    }
  }
  return out;
}

const ENTITY_NAME_LOWER: Record<number, string> = { 1: 'lead', 2: 'deal', 3: 'contact', 4: 'company', 31: 'smart_invoice' };
