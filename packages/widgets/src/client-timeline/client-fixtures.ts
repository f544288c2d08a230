import type { CrmSnapshot } from '@crmkit/adapter-mock';
import { scenario, SCENARIO_NOW } from '@crmkit/core/rules/clients/scenario.js';
import { contact } from '@crmkit/core/rules/clients/fixtures.js';

/**
 * The hand-made portal of the client rules' tests as a snapshot, with two employees (e1 with a
 * full card, e2 known only by name) and a contact with nothing at all, for the widgets' tests
 * and stories. Not exported from the package index.
 */
export const CLIENTS_NOW = SCENARIO_NOW;

export const clientsSnapshot: CrmSnapshot = {
  format: 'crmkit-snapshot',
  version: 1,
  origin: 'mock://clients-test',
  userId: 'e1',
  timeZone: 'Europe/Moscow',
  generatedAt: SCENARIO_NOW,
  entities: {
    contact: [...scenario.contacts, contact('Z', { name: 'Пустой Контакт' })],
    company: scenario.companies,
    lead: [],
    deal: scenario.deals,
    stageMove: scenario.stageMoves ?? [],
    invoice: scenario.invoices,
    payment: scenario.payments,
    activity: scenario.activities,
    funnel: scenario.funnels ?? [],
    employee: [
      { id: 'e1', name: 'Смирнова Ольга', departmentIds: ['d1'], position: 'Менеджер', phone: '+7 900 111-22-33', active: true },
      { id: 'e2', name: 'Козлов Игорь', departmentIds: [], active: true },
    ],
    department: [{ id: 'd1', name: 'Отдел продаж' }],
  },
};
