/**
 * A small hand-made portal for protocol tests (Node and browser): two funnels, deals of two
 * sellers, contacts with multi-fields, a company, activities of every provider, comments,
 * documents, stage moves, smart invoices with a payment, custom fields with enumeration labels.
 */
import type { CrmSnapshot } from '@crmkit/adapter-mock';

const T0 = Date.UTC(2025, 2, 3, 9, 0, 0); // 2025-03-03 12:00 Moscow
const H = 3_600_000;
const D = 24 * H;

export const FIXTURE_NOW = T0 + 60 * D;

/** Extra deals with dense ids 100…(100+n-1), all in the first funnel, for planning tests. */
export function makeFixture(extraDeals = 0): CrmSnapshot {
  const deals: NonNullable<CrmSnapshot['entities']['deal']>[number][] = [
    {
      id: '1', title: 'Страховка КАСКО', funnelId: '0', stageId: 'NEW', stageSemantics: 'process', amount: 15000, currency: 'RUB',
      companyId: '1', contactIds: ['1', '2'], responsibleId: '1', createdById: '1', createdAt: T0, modifiedAt: T0 + D,
      expectedCloseAt: T0 + 30 * D, sourceId: 'CALL', products: [], fields: { UF_CRM_PERIOD: '1', UF_CRM_NOTE: 'первый' },
    },
    {
      id: '2', title: 'ОСАГО продление', funnelId: '0', stageId: 'WON', stageSemantics: 'success', amount: 8000, currency: 'RUB',
      contactIds: ['2'], responsibleId: '2', createdById: '2', createdAt: T0 + D, modifiedAt: T0 + 5 * D, closedAt: T0 + 5 * D,
      products: [], fields: { UF_CRM_PERIOD: '2', UF_CRM_NOTE: null },
    },
    {
      id: '3', title: 'Ипотека', funnelId: '1', stageId: 'C1:NEW', stageSemantics: 'process', amount: 120000.5, currency: 'RUB',
      companyId: '1', contactIds: [], responsibleId: '2', createdById: '1', createdAt: T0 + 2 * D, modifiedAt: T0 + 10 * D,
      products: [], fields: { UF_CRM_PERIOD: null, UF_CRM_NOTE: 'ипотека' },
    },
  ];
  for (let i = 0; i < extraDeals; i++) {
    deals.push({
      id: String(100 + i), title: `Сделка ${100 + i}`, funnelId: '0', stageId: i % 3 === 0 ? 'WON' : 'NEW',
      stageSemantics: i % 3 === 0 ? 'success' : 'process', amount: 1000 + i, currency: 'RUB', contactIds: [],
      responsibleId: i % 2 ? '1' : '2', createdAt: T0 + i * H, modifiedAt: T0 + i * H + D, products: [], fields: {},
    });
  }
  return {
    format: 'crmkit-snapshot',
    version: 1,
    origin: 'https://example.bitrix24.ru',
    userId: '1',
    timeZone: 'Europe/Moscow',
    generatedAt: FIXTURE_NOW,
    entities: {
      employee: [
        { id: '1', name: 'Анна Иванова', firstName: 'Анна', lastName: 'Иванова', departmentIds: ['1'], position: 'Руководитель', email: 'anna@example.ru', phone: '+7 900 000-00-01', active: true },
        { id: '2', name: 'Борис Петров', firstName: 'Борис', lastName: 'Петров', departmentIds: ['2'], position: 'Менеджер', active: true },
        { id: '3', name: 'Вера Уволенная', firstName: 'Вера', lastName: 'Уволенная', departmentIds: ['2'], active: false },
      ],
      department: [
        { id: '1', name: 'Компания', headId: '1' },
        { id: '2', name: 'Отдел продаж', parentId: '1', headId: '1' },
      ],
      funnel: [
        {
          id: '0', name: 'Продажи',
          stages: [
            { id: 'NEW', funnelId: '0', name: 'Новая', sort: 10, semantics: 'process', color: '#39A8EF' },
            { id: 'PREPARATION', funnelId: '0', name: 'Подготовка', sort: 20, semantics: 'process' },
            { id: 'WON', funnelId: '0', name: 'Успешно', sort: 30, semantics: 'success' },
            { id: 'LOSE', funnelId: '0', name: 'Провал', sort: 40, semantics: 'failure' },
          ],
        },
        {
          id: '1', name: 'Ипотека',
          stages: [
            { id: 'C1:NEW', funnelId: '1', name: 'Заявка', sort: 10, semantics: 'process' },
            { id: 'C1:WON', funnelId: '1', name: 'Выдана', sort: 20, semantics: 'success' },
            { id: 'C1:LOSE', funnelId: '1', name: 'Отказ', sort: 30, semantics: 'failure' },
          ],
        },
      ],
      fieldDefinition: [
        {
          id: 'deal:UF_CRM_PERIOD', code: 'UF_CRM_PERIOD', owner: 'deal', label: 'Период', type: 'enumeration', multiple: false, builtIn: false,
          options: [{ id: '1', label: 'Апрель', sort: 10 }, { id: '2', label: 'Май', sort: 20 }],
        },
        { id: 'deal:UF_CRM_NOTE', code: 'UF_CRM_NOTE', owner: 'deal', label: 'Заметка', type: 'string', multiple: false, builtIn: false },
        { id: 'contact:UF_CRM_VIP', code: 'UF_CRM_VIP', owner: 'contact', label: 'VIP', type: 'boolean', multiple: false, builtIn: false },
      ],
      contact: [
        {
          id: '1', kind: 'contact', name: 'Ольга Смирнова', firstName: 'Ольга', lastName: 'Смирнова', companyIds: ['1'], responsibleId: '1',
          createdAt: T0, modifiedAt: T0 + 2 * D, hasRequisites: false, fields: { UF_CRM_VIP: true },
          comms: [
            { type: 'phone', value: '+79001112233', valueType: 'MOBILE' },
            { type: 'email', value: 'olga@example.ru', valueType: 'WORK' },
            { type: 'im', value: 'olga_tg', valueType: 'TELEGRAM' },
          ],
        },
        {
          id: '2', kind: 'contact', name: 'Пётр Кузнецов', firstName: 'Пётр', lastName: 'Кузнецов', companyIds: [], responsibleId: '2',
          createdAt: T0 + D, modifiedAt: T0 + 3 * D, hasRequisites: true, fields: { UF_CRM_VIP: false }, comms: [{ type: 'web', value: 'https://kuznetsov.example', valueType: 'WORK' }],
        },
      ],
      company: [
        {
          id: '1', kind: 'company', title: 'ООО «Ромашка»', contactIds: ['1'], responsibleId: '1', industry: 'IT', createdAt: T0, modifiedAt: T0 + 4 * D,
          hasRequisites: true, fields: {}, comms: [{ type: 'phone', value: '+74950000000', valueType: 'WORK' }],
        },
      ],
      deal: deals,
      lead: [{ id: '1', title: 'Заявка с сайта', status: 'new', responsibleId: '1', createdAt: T0, modifiedAt: T0 }],
      stageMove: [
        { id: '1', dealId: '1', funnelId: '0', stageId: 'NEW', stageSemantics: 'process', at: T0 },
        { id: '2', dealId: '2', funnelId: '0', stageId: 'NEW', stageSemantics: 'process', at: T0 + D },
        { id: '3', dealId: '2', funnelId: '0', stageId: 'WON', stageSemantics: 'success', at: T0 + 5 * D },
        { id: '4', dealId: '3', funnelId: '1', stageId: 'C1:NEW', stageSemantics: 'process', at: T0 + 2 * D },
      ],
      invoice: [
        { id: '1', number: 'СЧ-1', title: 'Счёт 1', amount: 8000, currency: 'RUB', status: 'paid', dealId: '2', contactId: '2', responsibleId: '2', createdAt: T0 + 2 * D, modifiedAt: T0 + 4 * D },
        { id: '2', number: 'СЧ-2', title: 'Счёт 2', amount: 5000, currency: 'RUB', status: 'sent', dealId: '1', companyId: '1', responsibleId: '1', createdAt: T0 + 3 * D, modifiedAt: T0 + 3 * D, dueAt: T0 + 10 * D },
      ],
      payment: [{ id: '1', invoiceId: '1', dealId: '2', contactId: '2', amount: 8000, currency: 'RUB', paidAt: T0 + 4 * D }],
      activity: [
        { id: '1', kind: 'call', direction: 'incoming', subject: 'Входящий звонок', durationSec: 120, createdAt: T0 + H, startAt: T0 + H, completed: true, responsibleId: '1', authorId: '1', bindings: [{ kind: 'contact', id: '1' }, { kind: 'deal', id: '1' }] },
        { id: '2', kind: 'email', direction: 'outgoing', subject: 'Коммерческое предложение', createdAt: T0 + 2 * H, startAt: T0 + 2 * H, completed: true, responsibleId: '1', authorId: '1', bindings: [{ kind: 'company', id: '1' }] },
        { id: '3', kind: 'todo', subject: 'Перезвонить', createdAt: T0 + 3 * H, deadline: T0 + 40 * D, completed: false, responsibleId: '2', authorId: '1', bindings: [{ kind: 'deal', id: '1' }] },
        { id: '4', kind: 'meeting', subject: 'Встреча в офисе', createdAt: T0 + 4 * H, startAt: T0 + 2 * D, completed: false, responsibleId: '1', authorId: '1', bindings: [{ kind: 'contact', id: '2' }] },
        { id: '5', kind: 'open-line', subject: 'Чат на сайте', createdAt: T0 + 5 * H, startAt: T0 + 5 * H, completed: true, responsibleId: '2', authorId: '2', bindings: [{ kind: 'contact', id: '1' }] },
        { id: '6', kind: 'task', subject: 'Подготовить договор', createdAt: T0 + 6 * H, deadline: T0 + 3 * D, completed: true, completedAt: T0 + 2 * D, responsibleId: '2', authorId: '1', bindings: [{ kind: 'deal', id: '2' }] },
        { id: '7', kind: 'comment', subject: 'Комментарий', description: 'Клиент просит скидку', createdAt: T0 + 7 * H, completed: true, authorId: '1', bindings: [{ kind: 'deal', id: '1' }] },
        { id: '8', kind: 'document', subject: 'Договор №7', createdAt: T0 + 8 * H, completed: true, authorId: '2', bindings: [{ kind: 'deal', id: '2' }] },
      ],
    },
  };
}
