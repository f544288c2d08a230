import type { ClientData } from './related.js';
import { activity, company, contact, DAY, deal, invoice, move, payment, T0 } from './fixtures.js';

/**
 * A small hand-made portal for the timeline and counters tests and the widgets' stories:
 * company A (B2B) with contacts Иванов (1) and Петров (2); Петров is also in company B (seed
 * case 3); Сидорова (3) is a B2C client. "Now" is day 10.
 */
export const SCENARIO_NOW = T0 + 10 * DAY;

export const scenario: ClientData = {
  contacts: [
    contact('1', { name: 'Иванов Иван', companyIds: ['A'], comms: [{ type: 'phone', value: '+7 900 000-00-01' }] }),
    contact('2', { name: 'Петров Пётр', companyIds: ['A', 'B'] }),
    contact('3', { name: 'Сидорова Анна' }),
  ],
  companies: [company('A', { title: 'ООО «Альфа»', contactIds: ['1', '2'] }), company('B', { title: 'АО «Бета»', contactIds: ['2'] })],
  deals: [
    deal('D1', { title: 'Поставка', companyId: 'A', contactIds: ['1'], amount: 1000, stageId: 'WON', stageSemantics: 'success', createdAt: T0 + DAY, closedAt: T0 + 5 * DAY, responsibleId: 'e1', createdById: 'e2' }),
    deal('D2', { title: 'Сервис', contactIds: ['2'], amount: 500, stageId: 'LOSE', stageSemantics: 'failure', createdAt: T0 + 2 * DAY, closedAt: T0 + 4 * DAY, responsibleId: 'e2' }),
  ],
  stageMoves: [
    move('m1', 'D1', 'NEW', T0 + DAY, { byId: 'e2' }),
    move('m2', 'D1', 'PREP', T0 + 3 * DAY, { byId: 'e1' }),
    move('m3', 'D1', 'WON', T0 + 5 * DAY, { byId: 'e1', stageSemantics: 'success' }),
  ],
  invoices: [invoice('I1', { companyId: 'A', dealId: 'D1', amount: 1000, status: 'paid', createdAt: T0 + 4 * DAY, responsibleId: 'e1' })],
  payments: [payment('P1', T0 + 6 * DAY, { invoiceId: 'I1', companyId: 'A', amount: 1000 })],
  activities: [
    activity('E', { kind: 'email', subject: 'Коммерческое предложение', startAt: T0 + 2 * DAY, bindings: [{ kind: 'contact', id: '1' }, { kind: 'company', id: 'A' }], responsibleId: 'e1', authorId: 'e1' }),
    activity('C', { kind: 'call', subject: 'Входящий звонок', direction: 'incoming', durationSec: 125, startAt: T0 + 7 * DAY, createdAt: T0 + 8 * DAY, bindings: [{ kind: 'contact', id: '1' }], responsibleId: 'e1', authorId: 'e2' }),
    activity('K', { kind: 'comment', subject: 'Клиент просил перезвонить', createdAt: T0 + 7.5 * DAY, bindings: [{ kind: 'company', id: 'A' }], authorId: 'e2' }),
    activity('T', { kind: 'task', subject: 'Подготовить договор', completed: false, createdAt: T0 + 5 * DAY, deadline: T0 + 20 * DAY, bindings: [{ kind: 'deal', id: 'D1' }], responsibleId: 'e2', authorId: 'e1' }),
    activity('O', { kind: 'todo', subject: 'Перезвонить', completed: false, createdAt: T0 + 6 * DAY, deadline: T0 + 9 * DAY, bindings: [{ kind: 'company', id: 'A' }], responsibleId: 'e1', authorId: 'e1' }),
    activity('S', { kind: 'document', subject: 'Договор №5', startAt: T0 + 6.5 * DAY, bindings: [{ kind: 'company', id: 'A' }], responsibleId: 'e1' }),
    activity('X', { kind: 'call', subject: 'Звонок Сидоровой', startAt: T0 + 3 * DAY, bindings: [{ kind: 'contact', id: '3' }] }),
  ],
  funnels: [
    {
      id: '0',
      name: 'Продажи',
      stages: [
        { id: 'NEW', funnelId: '0', name: 'Новая', sort: 10, semantics: 'process' },
        { id: 'PREP', funnelId: '0', name: 'Подготовка', sort: 20, semantics: 'process' },
        { id: 'WON', funnelId: '0', name: 'Успешно', sort: 30, semantics: 'success' },
        { id: 'LOSE', funnelId: '0', name: 'Провал', sort: 40, semantics: 'failure' },
      ],
    },
  ],
};
