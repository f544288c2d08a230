/**
 * Maps Bitrix24 records of both dialects to the core model. Legacy methods send UPPER_CASE
 * names and every value as a string; `crm.item.*` sends camelCase and typed values. Each reader
 * accepts either, so a portal answering in one or the other maps the same.
 */
import type {
  Activity,
  ActivityKind,
  CommValue,
  Company,
  Contact,
  Deal,
  Department,
  Employee,
  FieldDefinition,
  FieldOwner,
  FieldType,
  FieldValue,
  FieldValues,
  Funnel,
  Invoice,
  InvoiceStatus,
  Lead,
  Payment,
  RecordRef,
  Stage,
  StageMove,
  StageSemantics,
} from '@crmkit/core/model/index.js';

export type Raw = Record<string, unknown>;

/** Reads the first present key. */
export function pick(raw: Raw, ...keys: string[]): unknown {
  for (const k of keys) if (raw[k] !== undefined) return raw[k];
  return undefined;
}

export function str(v: unknown): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  return String(v);
}

/** An id, or undefined for `0`, empty and null (Bitrix24 uses 0 for "none"). */
export function idOf(v: unknown): string | undefined {
  const s = str(v);
  return s === undefined || s === '0' ? undefined : s;
}

export function num(v: unknown): number {
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : 0;
}

export function flag(v: unknown): boolean {
  return v === true || v === 'Y' || v === '1' || v === 1;
}

/** ISO 8601 with offset (`2024-04-25T14:59:11+03:00`) → epoch ms. */
export function ts(v: unknown): number | undefined {
  const s = str(v);
  if (s === undefined) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}

/** A date field as `YYYY-MM-DD` in the portal's calendar (the string carries it). */
export function calendarDate(v: unknown): string | undefined {
  const s = str(v);
  return s && /^\d{4}-\d{2}-\d{2}/.test(s) ? s.slice(0, 10) : undefined;
}

function ids(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  return v.map((x) => String(x)).filter((x) => x !== '0' && x !== '');
}

/** What the adapter knows about custom fields to decode their raw values. */
export interface UfInfo {
  readonly type: FieldType;
  readonly multiple: boolean;
}

const UF_TYPES: Readonly<Record<string, FieldType>> = {
  string: 'string',
  double: 'number',
  integer: 'integer',
  money: 'money',
  date: 'date',
  datetime: 'datetime',
  boolean: 'boolean',
  enumeration: 'enumeration',
  employee: 'employee',
  crm: 'crm-link',
  url: 'url',
  file: 'file',
  address: 'address',
};

export function ufType(userTypeId: string): FieldType {
  return UF_TYPES[userTypeId] ?? 'string';
}

function ufScalar(v: unknown, type: FieldType): string | number | boolean | null {
  if (v === null || v === undefined || v === '' || v === false && type !== 'boolean') return null;
  switch (type) {
    case 'number':
    case 'integer':
      return num(v);
    case 'money': {
      // Money arrives as `1000|RUB`.
      const s = String(v);
      return num(s.split('|')[0]);
    }
    case 'boolean':
      return flag(v);
    case 'date':
      return calendarDate(v) ?? String(v);
    case 'datetime':
      return ts(v) ?? null;
    default:
      return String(v);
  }
}

/** Custom fields of a raw record: `UF_*` keys (legacy, or crm.item with useOriginalUfNames=Y). */
export function customFields(raw: Raw, ufs: ReadonlyMap<string, UfInfo>): FieldValues {
  const out: Record<string, FieldValue> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (!k.startsWith('UF_')) continue;
    const info = ufs.get(k);
    const type = info?.type ?? 'string';
    if (Array.isArray(v)) out[k] = v.map((x) => ufScalar(x, type)).filter((x): x is string | number | boolean => x !== null);
    else out[k] = ufScalar(v, type);
  }
  return out;
}

/** Stage dictionary entry: which funnel, what it means. */
export interface StageInfo {
  readonly funnelId: string;
  readonly semantics: StageSemantics;
}

const SEMANTIC_LETTER: Readonly<Record<string, StageSemantics>> = { P: 'process', S: 'success', F: 'failure' };

export function semanticsOf(letter: unknown, stage: StageInfo | undefined): StageSemantics {
  return SEMANTIC_LETTER[String(letter ?? '')] ?? stage?.semantics ?? 'process';
}

export interface MapContext {
  readonly origin: string;
  readonly ufs: ReadonlyMap<string, UfInfo>;
  readonly stages: ReadonlyMap<string, StageInfo>;
}

/**
 * When the portal last recorded an activity on the record: `lastActivityTime` (crm.item, a common
 * field of every CRM object, "time of the last activity in the timeline") or `LAST_ACTIVITY_TIME`
 * (crm.deal/contact/company.fields, "Last Activity"). Absent when the portal sent none.
 */
function lastActivity(raw: Raw): { lastActivityAt?: number } {
  const at = ts(pick(raw, 'lastActivityTime', 'LAST_ACTIVITY_TIME'));
  return at !== undefined ? { lastActivityAt: at } : {};
}

export function mapDeal(raw: Raw, ctx: MapContext): Deal {
  const id = String(pick(raw, 'id', 'ID'));
  const stageId = String(pick(raw, 'stageId', 'STAGE_ID') ?? '');
  const stage = ctx.stages.get(stageId);
  const semantics = semanticsOf(pick(raw, 'stageSemanticId', 'STAGE_SEMANTIC_ID'), stage);
  const closed = flag(pick(raw, 'closed', 'CLOSED')) || semantics !== 'process';
  const closeDate = ts(pick(raw, 'closedate', 'CLOSEDATE'));
  const contactIds = ids(pick(raw, 'contactIds', 'CONTACT_IDS'));
  const firstContact = idOf(pick(raw, 'contactId', 'CONTACT_ID'));
  return {
    id,
    title: String(pick(raw, 'title', 'TITLE') ?? ''),
    funnelId: String(pick(raw, 'categoryId', 'CATEGORY_ID') ?? stage?.funnelId ?? '0'),
    stageId,
    stageSemantics: semantics,
    amount: num(pick(raw, 'opportunity', 'OPPORTUNITY')),
    currency: String(pick(raw, 'currencyId', 'CURRENCY_ID') ?? 'RUB'),
    ...(idOf(pick(raw, 'companyId', 'COMPANY_ID')) ? { companyId: idOf(pick(raw, 'companyId', 'COMPANY_ID')) } : {}),
    contactIds: contactIds.length ? contactIds : firstContact ? [firstContact] : [],
    ...(firstContact ? { contactId: firstContact } : {}),
    ...(idOf(pick(raw, 'assignedById', 'ASSIGNED_BY_ID')) ? { responsibleId: idOf(pick(raw, 'assignedById', 'ASSIGNED_BY_ID')) } : {}),
    ...(idOf(pick(raw, 'createdBy', 'CREATED_BY_ID')) ? { createdById: idOf(pick(raw, 'createdBy', 'CREATED_BY_ID')) } : {}),
    createdAt: ts(pick(raw, 'createdTime', 'DATE_CREATE')) ?? 0,
    modifiedAt: ts(pick(raw, 'updatedTime', 'DATE_MODIFY')) ?? 0,
    ...lastActivity(raw),
    // CLOSEDATE is the plan while the deal is open and the closing day once it is closed.
    ...(closeDate !== undefined ? (closed ? { closedAt: closeDate } : { expectedCloseAt: closeDate }) : {}),
    ...(str(pick(raw, 'sourceId', 'SOURCE_ID')) ? { sourceId: str(pick(raw, 'sourceId', 'SOURCE_ID')) } : {}),
    products: [],
    fields: customFields(raw, ctx.ufs),
    url: `${ctx.origin}/crm/deal/details/${id}/`,
  };
}

const COMM_TYPE: Readonly<Record<string, CommValue['type']>> = { PHONE: 'phone', EMAIL: 'email', WEB: 'web', IM: 'im' };

/** Multi-fields: legacy `PHONE`/`EMAIL`/`WEB`/`IM` arrays, or crm.item's `fm`. */
export function comms(raw: Raw): CommValue[] {
  const out: CommValue[] = [];
  const fm = raw.fm;
  if (Array.isArray(fm)) {
    for (const m of fm as Raw[]) {
      const type = COMM_TYPE[String(m.typeId ?? m.TYPE_ID)];
      const value = str(m.value ?? m.VALUE);
      if (type && value) out.push({ type, value, ...(str(m.valueType ?? m.VALUE_TYPE) ? { valueType: String(m.valueType ?? m.VALUE_TYPE) } : {}) });
    }
    return out;
  }
  for (const key of ['PHONE', 'EMAIL', 'WEB', 'IM']) {
    const list = raw[key];
    if (!Array.isArray(list)) continue;
    for (const m of list as Raw[]) {
      const value = str(m.VALUE);
      if (value) out.push({ type: COMM_TYPE[key], value, ...(str(m.VALUE_TYPE) ? { valueType: String(m.VALUE_TYPE) } : {}) });
    }
  }
  return out;
}

export function mapContact(raw: Raw, ctx: MapContext, requisites: ReadonlySet<string>): Contact {
  const id = String(pick(raw, 'id', 'ID'));
  const firstName = str(pick(raw, 'name', 'NAME'));
  const lastName = str(pick(raw, 'lastName', 'LAST_NAME'));
  const companyIds = ids(pick(raw, 'companyIds', 'COMPANY_IDS'));
  const firstCompany = idOf(pick(raw, 'companyId', 'COMPANY_ID'));
  const birthday = calendarDate(pick(raw, 'birthdate', 'BIRTHDATE'));
  return {
    kind: 'contact',
    id,
    name: [firstName, lastName].filter(Boolean).join(' ') || `#${id}`,
    ...(firstName ? { firstName } : {}),
    ...(lastName ? { lastName } : {}),
    ...(birthday ? { birthday } : {}),
    companyIds: companyIds.length ? companyIds : firstCompany ? [firstCompany] : [],
    ...(idOf(pick(raw, 'assignedById', 'ASSIGNED_BY_ID')) ? { responsibleId: idOf(pick(raw, 'assignedById', 'ASSIGNED_BY_ID')) } : {}),
    ...(idOf(pick(raw, 'createdBy', 'CREATED_BY_ID')) ? { createdById: idOf(pick(raw, 'createdBy', 'CREATED_BY_ID')) } : {}),
    createdAt: ts(pick(raw, 'createdTime', 'DATE_CREATE')) ?? 0,
    modifiedAt: ts(pick(raw, 'updatedTime', 'DATE_MODIFY')) ?? 0,
    ...lastActivity(raw),
    comms: comms(raw),
    hasRequisites: requisites.has(id),
    fields: customFields(raw, ctx.ufs),
    url: `${ctx.origin}/crm/contact/details/${id}/`,
  };
}

export function mapCompany(raw: Raw, ctx: MapContext, requisites: ReadonlySet<string>): Company {
  const id = String(pick(raw, 'id', 'ID'));
  return {
    kind: 'company',
    id,
    title: String(pick(raw, 'title', 'TITLE') ?? ''),
    contactIds: ids(pick(raw, 'contactIds', 'CONTACT_IDS')),
    ...(str(pick(raw, 'industry', 'INDUSTRY')) ? { industry: str(pick(raw, 'industry', 'INDUSTRY')) } : {}),
    ...(idOf(pick(raw, 'assignedById', 'ASSIGNED_BY_ID')) ? { responsibleId: idOf(pick(raw, 'assignedById', 'ASSIGNED_BY_ID')) } : {}),
    ...(idOf(pick(raw, 'createdBy', 'CREATED_BY_ID')) ? { createdById: idOf(pick(raw, 'createdBy', 'CREATED_BY_ID')) } : {}),
    createdAt: ts(pick(raw, 'createdTime', 'DATE_CREATE')) ?? 0,
    modifiedAt: ts(pick(raw, 'updatedTime', 'DATE_MODIFY')) ?? 0,
    ...lastActivity(raw),
    comms: comms(raw),
    hasRequisites: requisites.has(id),
    fields: customFields(raw, ctx.ufs),
    url: `${ctx.origin}/crm/company/details/${id}/`,
  };
}

const LEAD_STATUS: Readonly<Record<string, Lead['status']>> = { NEW: 'new', CONVERTED: 'converted', JUNK: 'junk' };

export function mapLead(raw: Raw): Lead {
  const status = String(pick(raw, 'stageId', 'STATUS_ID') ?? 'NEW');
  return {
    id: String(pick(raw, 'id', 'ID')),
    title: String(pick(raw, 'title', 'TITLE') ?? ''),
    status: LEAD_STATUS[status] ?? 'in-work',
    ...(idOf(pick(raw, 'contactId', 'CONTACT_ID')) ? { contactId: idOf(pick(raw, 'contactId', 'CONTACT_ID')) } : {}),
    ...(idOf(pick(raw, 'companyId', 'COMPANY_ID')) ? { companyId: idOf(pick(raw, 'companyId', 'COMPANY_ID')) } : {}),
    ...(idOf(pick(raw, 'assignedById', 'ASSIGNED_BY_ID')) ? { responsibleId: idOf(pick(raw, 'assignedById', 'ASSIGNED_BY_ID')) } : {}),
    createdAt: ts(pick(raw, 'createdTime', 'DATE_CREATE')) ?? 0,
    modifiedAt: ts(pick(raw, 'updatedTime', 'DATE_MODIFY')) ?? 0,
  };
}

/** Smart-invoice stages: semantics from the dictionary; `…:P` paid, `…:D` cancelled by convention. */
export function invoiceStatus(stageId: string, stage: StageInfo | undefined): InvoiceStatus {
  if (stage?.semantics === 'success' || stageId.endsWith(':P')) return 'paid';
  if (stage?.semantics === 'failure' || stageId.endsWith(':D')) return 'cancelled';
  if (stageId.endsWith(':N')) return 'draft';
  if (stageId.endsWith(':1')) return 'partially-paid';
  return 'sent';
}

export function mapInvoice(raw: Raw, ctx: MapContext): Invoice {
  const id = String(pick(raw, 'id', 'ID'));
  const stageId = String(pick(raw, 'stageId', 'STAGE_ID') ?? '');
  const due = ts(pick(raw, 'closedate', 'CLOSEDATE'));
  return {
    id,
    number: String(pick(raw, 'accountNumber', 'ACCOUNT_NUMBER') ?? id),
    title: String(pick(raw, 'title', 'TITLE') ?? ''),
    amount: num(pick(raw, 'opportunity', 'OPPORTUNITY')),
    currency: String(pick(raw, 'currencyId', 'CURRENCY_ID') ?? 'RUB'),
    status: invoiceStatus(stageId, ctx.stages.get(stageId)),
    ...(idOf(pick(raw, 'parentId2', 'PARENT_ID_2')) ? { dealId: idOf(pick(raw, 'parentId2', 'PARENT_ID_2')) } : {}),
    ...(idOf(pick(raw, 'contactId', 'CONTACT_ID')) ? { contactId: idOf(pick(raw, 'contactId', 'CONTACT_ID')) } : {}),
    ...(idOf(pick(raw, 'companyId', 'COMPANY_ID')) ? { companyId: idOf(pick(raw, 'companyId', 'COMPANY_ID')) } : {}),
    ...(idOf(pick(raw, 'assignedById', 'ASSIGNED_BY_ID')) ? { responsibleId: idOf(pick(raw, 'assignedById', 'ASSIGNED_BY_ID')) } : {}),
    createdAt: ts(pick(raw, 'createdTime', 'CREATED_TIME')) ?? 0,
    modifiedAt: ts(pick(raw, 'updatedTime', 'UPDATED_TIME')) ?? 0,
    ...(due !== undefined ? { dueAt: due } : {}),
    url: `${ctx.origin}/crm/type/31/details/${id}/`,
  };
}

/** A paid smart invoice is a payment, dated when it moved to the paid stage. */
export function mapPayment(raw: Raw): Payment {
  const inv = String(pick(raw, 'id', 'ID'));
  return {
    id: inv,
    invoiceId: inv,
    ...(idOf(pick(raw, 'parentId2')) ? { dealId: idOf(pick(raw, 'parentId2')) } : {}),
    ...(idOf(pick(raw, 'contactId')) ? { contactId: idOf(pick(raw, 'contactId')) } : {}),
    ...(idOf(pick(raw, 'companyId')) ? { companyId: idOf(pick(raw, 'companyId')) } : {}),
    amount: num(pick(raw, 'opportunity')),
    currency: String(pick(raw, 'currencyId') ?? 'RUB'),
    paidAt: ts(pick(raw, 'movedTime', 'updatedTime')) ?? 0,
  };
}

export function mapStageMove(raw: Raw, stages: ReadonlyMap<string, StageInfo>): StageMove {
  const stageId = String(raw.STAGE_ID ?? '');
  return {
    id: String(raw.ID),
    dealId: String(raw.OWNER_ID),
    funnelId: String(raw.CATEGORY_ID ?? stages.get(stageId)?.funnelId ?? '0'),
    stageId,
    stageSemantics: semanticsOf(raw.STAGE_SEMANTIC_ID, stages.get(stageId)),
    at: ts(raw.CREATED_TIME) ?? 0,
  };
}

/** CRM owner type ids (crm_enum_ownertype). */
export const OWNER_TYPE: Readonly<Record<number, RecordRef['kind']>> = { 1: 'lead', 2: 'deal', 3: 'contact', 4: 'company', 31: 'invoice' };
export const OWNER_TYPE_ID: Readonly<Partial<Record<RecordRef['kind'], number>>> = { lead: 1, deal: 2, contact: 3, company: 4, invoice: 31 };

/** Provider → activity kind. Open-line sessions carry their channel in PROVIDER_TYPE_ID. */
export function activityKind(raw: Raw): ActivityKind {
  const provider = String(raw.PROVIDER_ID ?? '');
  const type = Number(raw.TYPE_ID);
  if (provider === 'VOXIMPLANT_CALL' || provider === 'CRM_CALL' || type === 2) return 'call';
  if (provider === 'CRM_EMAIL' || type === 4) return 'email';
  if (provider === 'IMOPENLINES_SESSION') {
    const channel = String(raw.PROVIDER_TYPE_ID ?? '').toLowerCase();
    return channel === '' || channel === 'livechat' ? 'open-line' : 'messenger';
  }
  if (provider === 'CRM_MEETING' || type === 1) return 'meeting';
  if (provider === 'CRM_TASKS_TASK' || provider === 'TASKS_TASK' || provider === 'TASKS' || type === 3) return 'task';
  if (provider === 'CRM_TODO') return 'todo';
  return 'todo';
}

export function mapActivity(raw: Raw, ctx: MapContext): Activity {
  const kind = activityKind(raw);
  const start = ts(raw.START_TIME);
  const end = ts(raw.END_TIME);
  const deadline = ts(raw.DEADLINE);
  const completed = flag(raw.COMPLETED);
  const dir = Number(raw.DIRECTION);
  const owner = OWNER_TYPE[Number(raw.OWNER_TYPE_ID)];
  const bindingsRaw = Array.isArray(raw.BINDINGS) ? (raw.BINDINGS as Raw[]) : [];
  const bindings: RecordRef[] = [];
  for (const b of bindingsRaw) {
    const k = OWNER_TYPE[Number(b.OWNER_TYPE_ID ?? b.ownerTypeId)];
    if (k) bindings.push({ kind: k, id: String(b.OWNER_ID ?? b.ownerId) });
  }
  if (bindings.length === 0 && owner && idOf(raw.OWNER_ID)) bindings.push({ kind: owner, id: String(raw.OWNER_ID) });
  const id = String(raw.ID);
  const planned = kind === 'call' || kind === 'meeting';
  return {
    id,
    kind,
    ...(dir === 1 ? { direction: 'incoming' as const } : dir === 2 ? { direction: 'outgoing' as const } : {}),
    subject: String(raw.SUBJECT ?? ''),
    ...(str(raw.DESCRIPTION) ? { description: String(raw.DESCRIPTION) } : {}),
    ...(kind === 'call' && start !== undefined && end !== undefined && end >= start ? { durationSec: Math.round((end - start) / 1000) } : {}),
    ...((kind === 'messenger' || kind === 'open-line') && str(raw.PROVIDER_TYPE_ID) && raw.PROVIDER_TYPE_ID !== 'livechat' ? { channel: String(raw.PROVIDER_TYPE_ID) } : {}),
    createdAt: ts(raw.CREATED) ?? 0,
    ...(start !== undefined ? { startAt: start } : {}),
    ...(deadline !== undefined && !(planned && completed) && kind !== 'email' ? { deadline } : {}),
    completed,
    ...(completed && ts(raw.LAST_UPDATED) !== undefined ? { completedAt: ts(raw.LAST_UPDATED) } : {}),
    ...(completed && idOf(raw.EDITOR_ID) ? { completedById: idOf(raw.EDITOR_ID) } : {}),
    ...(idOf(raw.RESPONSIBLE_ID) ? { responsibleId: idOf(raw.RESPONSIBLE_ID) } : {}),
    ...(idOf(raw.AUTHOR_ID) ? { authorId: idOf(raw.AUTHOR_ID) } : {}),
    bindings,
    url: `${ctx.origin}/crm/activity/?open_view=${id}`,
  };
}

const ENTITY_KIND: Readonly<Record<string, RecordRef['kind']>> = { lead: 'lead', deal: 'deal', contact: 'contact', company: 'company' };

/** A timeline comment as an activity; ids are prefixed `c` so they never collide with activities. */
export function mapComment(raw: Raw): Activity {
  const kind = ENTITY_KIND[String(raw.ENTITY_TYPE ?? '').toLowerCase()];
  const text = String(raw.COMMENT ?? '');
  return {
    id: `c${raw.ID}`,
    kind: 'comment',
    subject: text.length > 80 ? `${text.slice(0, 79)}…` : text,
    description: text,
    createdAt: ts(raw.CREATED) ?? 0,
    completed: true,
    ...(idOf(raw.AUTHOR_ID) ? { authorId: idOf(raw.AUTHOR_ID), responsibleId: idOf(raw.AUTHOR_ID) } : {}),
    bindings: kind ? [{ kind, id: String(raw.ENTITY_ID) }] : [],
  };
}

/** A generated document as an activity; ids are prefixed `d`. */
export function mapDocument(raw: Raw, origin: string): Activity {
  const kind = OWNER_TYPE[Number(raw.entityTypeId)];
  const created = ts(raw.createTime) ?? 0;
  return {
    id: `d${raw.id}`,
    kind: 'document',
    subject: String(raw.title ?? ''),
    ...(str(raw.number) ? { description: `№ ${raw.number}` } : {}),
    createdAt: created,
    completed: true,
    completedAt: ts(raw.updateTime) ?? created,
    ...(idOf(raw.createdBy) ? { authorId: idOf(raw.createdBy), responsibleId: idOf(raw.createdBy) } : {}),
    bindings: kind ? [{ kind, id: String(raw.entityId) }] : [],
    url: `${origin}/crm/documents/`,
  };
}

export function mapEmployee(raw: Raw, origin: string): Employee {
  const firstName = str(raw.NAME);
  const lastName = str(raw.LAST_NAME);
  const secondName = str(raw.SECOND_NAME);
  const photo = str(raw.PERSONAL_PHOTO);
  const phone = str(raw.WORK_PHONE) ?? str(raw.PERSONAL_MOBILE);
  return {
    id: String(raw.ID),
    name: [firstName, lastName].filter(Boolean).join(' ') || str(raw.EMAIL) || `#${raw.ID}`,
    ...(firstName ? { firstName } : {}),
    ...(lastName ? { lastName } : {}),
    ...(secondName ? { secondName } : {}),
    departmentIds: Array.isArray(raw.UF_DEPARTMENT) ? raw.UF_DEPARTMENT.map(String) : [],
    ...(str(raw.WORK_POSITION) ? { position: String(raw.WORK_POSITION) } : {}),
    // Photos on the portal's own origin only; a relative path is made absolute.
    ...(photo ? { photoUrl: photo.startsWith('/') ? `${origin}${photo}` : photo } : {}),
    ...(phone ? { phone } : {}),
    ...(str(raw.EMAIL) ? { email: String(raw.EMAIL) } : {}),
    active: raw.ACTIVE === undefined ? true : flag(raw.ACTIVE),
  };
}

export function mapDepartment(raw: Raw): Department {
  return {
    id: String(raw.ID),
    name: String(raw.NAME ?? ''),
    ...(idOf(raw.PARENT) ? { parentId: idOf(raw.PARENT) } : {}),
    ...(idOf(raw.UF_HEAD) ? { headId: idOf(raw.UF_HEAD) } : {}),
  };
}

export interface RawCategory {
  readonly id: number | string;
  readonly name: string;
  readonly sort?: number | string;
}

/** Funnels from `crm.category.list` (entityTypeId 2) and stages from `crm.status.list`. */
export function mapFunnels(categories: readonly RawCategory[], statuses: readonly Raw[]): Funnel[] {
  const sorted = [...categories].sort((a, b) => num(a.sort) - num(b.sort));
  return sorted.map((c) => {
    const funnelId = String(c.id);
    const entityId = funnelId === '0' ? 'DEAL_STAGE' : `DEAL_STAGE_${funnelId}`;
    const stages: Stage[] = statuses
      .filter((s) => s.ENTITY_ID === entityId)
      .map((s) => ({
        id: String(s.STATUS_ID),
        funnelId,
        name: String(s.NAME ?? ''),
        sort: num(s.SORT),
        semantics: stageSemantics(s),
        ...(str(s.COLOR) ? { color: String(s.COLOR) } : {}),
      }))
      .sort((a, b) => a.sort - b.sort);
    return { id: funnelId, name: c.name, stages };
  });
}

export function stageSemantics(s: Raw): StageSemantics {
  const extra = (s.EXTRA as Raw | undefined)?.SEMANTICS;
  if (extra === 'success' || extra === 'failure' || extra === 'process') return extra;
  if (extra === 'apology') return 'failure';
  return s.SEMANTICS === 'S' ? 'success' : s.SEMANTICS === 'F' ? 'failure' : 'process';
}

export function mapUserField(raw: Raw, owner: FieldOwner): FieldDefinition {
  const code = String(raw.FIELD_NAME);
  const label = str(raw.EDIT_FORM_LABEL) ?? str(raw.LIST_COLUMN_LABEL) ?? code;
  const type = ufType(String(raw.USER_TYPE_ID ?? 'string'));
  const list = Array.isArray(raw.LIST) ? (raw.LIST as Raw[]) : [];
  return {
    id: `${owner}:${code}`,
    code,
    owner,
    label,
    type,
    multiple: flag(raw.MULTIPLE),
    builtIn: false,
    ...(type === 'enumeration'
      ? { options: list.map((o) => ({ id: String(o.ID), label: String(o.VALUE ?? ''), sort: num(o.SORT) })).sort((a, b) => a.sort - b.sort) }
      : {}),
  };
}
