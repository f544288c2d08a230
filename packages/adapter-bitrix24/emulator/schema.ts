/**
 * Field schemas of the Bitrix24 entities the emulator serves. One schema per entity drives
 * everything: `*.fields` answers, the legacy rendering (UPPER_CASE, every value a string), the
 * `crm.item.*` rendering (camelCase, typed), filter parsing and `select`.
 *
 * Names and types follow the REST documentation (bitrix24/b24restdocs): crm.deal.fields,
 * crm.contact.fields, crm.company.fields, crm.lead.fields, crm.activity.fields, crm.item.fields.
 */

export type FieldType =
  | 'integer'
  | 'double'
  | 'string'
  | 'char'
  | 'date'
  | 'datetime'
  | 'user'
  | 'crm_status'
  | 'crm_category'
  | 'crm_currency'
  | 'crm_company'
  | 'crm_contact'
  | 'crm_multifield'
  | 'crm_enum_ownertype'
  | 'crm_enum_activitytype'
  | 'crm_enum_activitydirection'
  | 'crm_activity_binding';

export interface FieldSpec {
  /** Legacy (UPPER_CASE) name. */
  readonly name: string;
  /** `crm.item.*` (camelCase) name; absent when the field does not exist there. */
  readonly item?: string;
  readonly type: FieldType;
  readonly multiple?: boolean;
  readonly title: string;
  /** Only in one dialect. */
  readonly only?: 'legacy' | 'item';
  /** Not returned by a default (empty) legacy select: multi-fields. */
  readonly explicit?: boolean;
  /** Internal: used for filtering but never rendered. */
  readonly hidden?: boolean;
}

const f = (name: string, item: string | undefined, type: FieldType, title: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({
  name,
  ...(item ? { item } : {}),
  type,
  title,
  ...extra,
});

const MULTI: FieldSpec[] = [
  f('PHONE', undefined, 'crm_multifield', 'Телефон', { multiple: true, explicit: true, only: 'legacy' }),
  f('EMAIL', undefined, 'crm_multifield', 'E-mail', { multiple: true, explicit: true, only: 'legacy' }),
  f('WEB', undefined, 'crm_multifield', 'Сайт', { multiple: true, explicit: true, only: 'legacy' }),
  f('IM', undefined, 'crm_multifield', 'Мессенджер', { multiple: true, explicit: true, only: 'legacy' }),
  // crm.item returns multi-fields together as `fm` when selected.
  f('FM', 'fm', 'crm_multifield', 'Мультиполя', { multiple: true, explicit: true, only: 'item' }),
];

export const DEAL_FIELDS: readonly FieldSpec[] = [
  f('ID', 'id', 'integer', 'ID'),
  f('TITLE', 'title', 'string', 'Название'),
  f('CATEGORY_ID', 'categoryId', 'crm_category', 'Воронка'),
  f('STAGE_ID', 'stageId', 'crm_status', 'Стадия сделки'),
  f('STAGE_SEMANTIC_ID', 'stageSemanticId', 'string', 'Группа стадии'),
  f('OPPORTUNITY', 'opportunity', 'double', 'Сумма'),
  f('CURRENCY_ID', 'currencyId', 'crm_currency', 'Валюта'),
  f('COMPANY_ID', 'companyId', 'crm_company', 'Компания'),
  f('CONTACT_ID', 'contactId', 'crm_contact', 'Контакт'),
  f('CONTACT_IDS', 'contactIds', 'crm_contact', 'Контакты', { multiple: true, only: 'item' }),
  f('ASSIGNED_BY_ID', 'assignedById', 'user', 'Ответственный'),
  f('CREATED_BY_ID', 'createdBy', 'user', 'Кем создана'),
  f('DATE_CREATE', 'createdTime', 'datetime', 'Дата создания'),
  f('DATE_MODIFY', 'updatedTime', 'datetime', 'Дата изменения'),
  // crm.deal/contact/company.fields: LAST_ACTIVITY_TIME "Last Activity"; crm.item common field
  // lastActivityTime "Time of the last activity in the timeline". Read-only, kept by the portal.
  f('LAST_ACTIVITY_TIME', 'lastActivityTime', 'datetime', 'Последняя активность'),
  f('CLOSED', 'closed', 'char', 'Сделка закрыта'),
  f('CLOSEDATE', 'closedate', 'date', 'Дата завершения'),
  f('SOURCE_ID', 'sourceId', 'crm_status', 'Источник'),
];

export const CONTACT_FIELDS: readonly FieldSpec[] = [
  f('ID', 'id', 'integer', 'ID'),
  f('NAME', 'name', 'string', 'Имя'),
  f('LAST_NAME', 'lastName', 'string', 'Фамилия'),
  f('SECOND_NAME', 'secondName', 'string', 'Отчество'),
  f('BIRTHDATE', 'birthdate', 'date', 'Дата рождения'),
  f('COMPANY_ID', 'companyId', 'crm_company', 'Компания'),
  f('COMPANY_IDS', 'companyIds', 'crm_company', 'Компании', { multiple: true, only: 'item' }),
  f('ASSIGNED_BY_ID', 'assignedById', 'user', 'Ответственный'),
  f('CREATED_BY_ID', 'createdBy', 'user', 'Кем создан'),
  f('DATE_CREATE', 'createdTime', 'datetime', 'Дата создания'),
  f('DATE_MODIFY', 'updatedTime', 'datetime', 'Дата изменения'),
  // crm.deal/contact/company.fields: LAST_ACTIVITY_TIME "Last Activity"; crm.item common field
  // lastActivityTime "Time of the last activity in the timeline". Read-only, kept by the portal.
  f('LAST_ACTIVITY_TIME', 'lastActivityTime', 'datetime', 'Последняя активность'),
  f('HAS_PHONE', 'hasPhone', 'char', 'Есть телефон'),
  f('HAS_EMAIL', 'hasEmail', 'char', 'Есть e-mail'),
  f('HAS_IMOL', 'hasImol', 'char', 'Есть открытая линия'),
  ...MULTI,
];

export const COMPANY_FIELDS: readonly FieldSpec[] = [
  f('ID', 'id', 'integer', 'ID'),
  f('TITLE', 'title', 'string', 'Название компании'),
  f('INDUSTRY', 'industry', 'crm_status', 'Сфера деятельности'),
  f('CONTACT_IDS', 'contactIds', 'crm_contact', 'Контакты', { multiple: true, only: 'item' }),
  f('ASSIGNED_BY_ID', 'assignedById', 'user', 'Ответственный'),
  f('CREATED_BY_ID', 'createdBy', 'user', 'Кем создана'),
  f('DATE_CREATE', 'createdTime', 'datetime', 'Дата создания'),
  f('DATE_MODIFY', 'updatedTime', 'datetime', 'Дата изменения'),
  // crm.deal/contact/company.fields: LAST_ACTIVITY_TIME "Last Activity"; crm.item common field
  // lastActivityTime "Time of the last activity in the timeline". Read-only, kept by the portal.
  f('LAST_ACTIVITY_TIME', 'lastActivityTime', 'datetime', 'Последняя активность'),
  f('HAS_PHONE', 'hasPhone', 'char', 'Есть телефон'),
  f('HAS_EMAIL', 'hasEmail', 'char', 'Есть e-mail'),
  f('HAS_IMOL', 'hasImol', 'char', 'Есть открытая линия'),
  ...MULTI,
];

export const LEAD_FIELDS: readonly FieldSpec[] = [
  f('ID', 'id', 'integer', 'ID'),
  f('TITLE', 'title', 'string', 'Название лида'),
  f('STATUS_ID', 'stageId', 'crm_status', 'Стадия'),
  f('CONTACT_ID', 'contactId', 'crm_contact', 'Контакт'),
  f('COMPANY_ID', 'companyId', 'crm_company', 'Компания'),
  f('ASSIGNED_BY_ID', 'assignedById', 'user', 'Ответственный'),
  f('DATE_CREATE', 'createdTime', 'datetime', 'Дата создания'),
  f('DATE_MODIFY', 'updatedTime', 'datetime', 'Дата изменения'),
];

/** Smart invoices (entityTypeId 31) exist only in the crm.item dialect. */
export const SMART_INVOICE_FIELDS: readonly FieldSpec[] = [
  f('ID', 'id', 'integer', 'ID'),
  f('TITLE', 'title', 'string', 'Название'),
  f('ACCOUNT_NUMBER', 'accountNumber', 'string', 'Номер'),
  f('OPPORTUNITY', 'opportunity', 'double', 'Сумма'),
  f('CURRENCY_ID', 'currencyId', 'crm_currency', 'Валюта'),
  f('STAGE_ID', 'stageId', 'crm_status', 'Стадия'),
  f('CATEGORY_ID', 'categoryId', 'crm_category', 'Воронка'),
  f('PARENT_ID_2', 'parentId2', 'integer', 'Сделка'),
  f('CONTACT_ID', 'contactId', 'crm_contact', 'Контакт'),
  f('COMPANY_ID', 'companyId', 'crm_company', 'Компания'),
  f('ASSIGNED_BY_ID', 'assignedById', 'user', 'Ответственный'),
  f('CREATED_TIME', 'createdTime', 'datetime', 'Дата создания'),
  f('UPDATED_TIME', 'updatedTime', 'datetime', 'Дата изменения'),
  f('MOVED_TIME', 'movedTime', 'datetime', 'Дата перехода на стадию'),
  f('CLOSEDATE', 'closedate', 'date', 'Срок оплаты'),
];

export const ACTIVITY_FIELDS: readonly FieldSpec[] = [
  f('ID', undefined, 'integer', 'ID'),
  f('OWNER_ID', undefined, 'integer', 'Owner ID'),
  f('OWNER_TYPE_ID', undefined, 'crm_enum_ownertype', 'Owner Type'),
  f('TYPE_ID', undefined, 'crm_enum_activitytype', 'Type'),
  f('PROVIDER_ID', undefined, 'string', 'Provider ID'),
  f('PROVIDER_TYPE_ID', undefined, 'string', 'Provider Type'),
  f('SUBJECT', undefined, 'string', 'Subject'),
  f('DESCRIPTION', undefined, 'string', 'Description'),
  f('DIRECTION', undefined, 'crm_enum_activitydirection', 'Direction'),
  f('START_TIME', undefined, 'datetime', 'Start'),
  f('END_TIME', undefined, 'datetime', 'Deadline'),
  f('DEADLINE', undefined, 'datetime', 'Due Date'),
  f('COMPLETED', undefined, 'char', 'Completed'),
  f('RESPONSIBLE_ID', undefined, 'user', 'Responsible'),
  f('AUTHOR_ID', undefined, 'user', 'Created By'),
  f('EDITOR_ID', undefined, 'user', 'Edited By'),
  f('CREATED', undefined, 'datetime', 'Creation Date'),
  f('LAST_UPDATED', undefined, 'datetime', 'Last Updated'),
  f('BINDINGS', undefined, 'crm_activity_binding', 'Bindings', { multiple: true, hidden: true }),
];

export const STAGE_HISTORY_FIELDS: readonly FieldSpec[] = [
  f('ID', undefined, 'integer', 'ID'),
  f('TYPE_ID', undefined, 'integer', 'Type'),
  f('OWNER_ID', undefined, 'integer', 'Owner'),
  f('CREATED_TIME', undefined, 'datetime', 'Created'),
  f('CATEGORY_ID', undefined, 'integer', 'Category'),
  f('STAGE_SEMANTIC_ID', undefined, 'string', 'Semantic'),
  f('STAGE_ID', undefined, 'string', 'Stage'),
];

export const COMMENT_FIELDS: readonly FieldSpec[] = [
  f('ID', undefined, 'integer', 'ID'),
  f('ENTITY_ID', undefined, 'integer', 'Entity'),
  f('ENTITY_TYPE', undefined, 'string', 'Entity type'),
  f('CREATED', undefined, 'datetime', 'Created'),
  f('COMMENT', undefined, 'string', 'Comment'),
  f('AUTHOR_ID', undefined, 'user', 'Author'),
];

/** Document generator documents are camelCase in the response (see crm.documentgenerator.document.list). */
export const DOCUMENT_FIELDS: readonly FieldSpec[] = [
  f('id', undefined, 'integer', 'ID'),
  f('title', undefined, 'string', 'Title'),
  f('number', undefined, 'string', 'Number'),
  f('templateId', undefined, 'integer', 'Template'),
  f('entityTypeId', undefined, 'integer', 'Entity type'),
  f('entityId', undefined, 'integer', 'Entity'),
  f('createTime', undefined, 'datetime', 'Created'),
  f('updateTime', undefined, 'datetime', 'Updated'),
  f('createdBy', undefined, 'user', 'Created by'),
];

/** CRM object type ids (crm_enum_ownertype / entityTypeId). */
export const ENTITY_TYPE_ID = { lead: 1, deal: 2, contact: 3, company: 4, invoice: 5, smartInvoice: 31 } as const;
export const ENTITY_TYPE_NAME: Readonly<Record<number, string>> = { 1: 'lead', 2: 'deal', 3: 'contact', 4: 'company', 5: 'invoice', 31: 'smart_invoice' };

/** `UF_CRM_PERIOD` → `ufCrmPeriod`, `UF_CRM_2_1639669411830` → `ufCrm2_1639669411830` (crm.item naming). */
export function ufToCamel(name: string): string {
  const parts = name.toLowerCase().split('_');
  let out = parts[0];
  for (let i = 1; i < parts.length; i++) {
    const p = parts[i];
    if (/^\d/.test(p)) out += (/\d$/.test(out) ? '_' : '') + p;
    else out += p.charAt(0).toUpperCase() + p.slice(1);
  }
  return out;
}
