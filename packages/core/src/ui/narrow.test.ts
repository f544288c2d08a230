import { expect, fixture, html } from '@open-wc/testing';
import type { FieldDefinition } from '../model/fields.js';
import type { Employee } from '../model/people.js';
import './data-table/crm-data-table.js';
import './employee/crm-employee.js';
import './filter-bar/crm-filter-bar.js';
import './progress-bar/crm-progress-bar.js';

/**
 * Storybook-independent visual check: every shared part rendered 360 px wide must not overflow
 * sideways. The table's own scroller may scroll (that is its documented narrow layout); the host
 * may not.
 */
const long = 'Очень-длинное-название-без-пробелов-которое-не-помещается-в-строку';
const fields: FieldDefinition[] = [
  {
    id: 'deal:UF_CRM_BRANCH',
    code: 'UF_CRM_BRANCH',
    owner: 'deal',
    label: `Филиал ${long}`,
    type: 'enumeration',
    multiple: false,
    builtIn: false,
    options: Array.from({ length: 8 }, (_, i) => ({ id: String(i), label: `Филиал №${i + 1} Санкт-Петербург` })),
  },
  { id: 'deal:amount', code: 'amount', owner: 'deal', label: 'Сумма', type: 'money', multiple: false, builtIn: true },
  { id: 'deal:UF_CRM_DATE', code: 'UF_CRM_DATE', owner: 'deal', label: 'Дата полиса', type: 'date', multiple: false, builtIn: false },
];
const employee: Employee = { id: '1', name: `Константин ${long}`, departmentIds: [], position: long, active: true };

function fits(el: HTMLElement): void {
  expect(el.getBoundingClientRect().width).to.be.at.most(360.5);
  expect(el.scrollWidth, `${el.localName} overflows 360 px`).to.be.at.most(el.clientWidth);
}

describe('360 px', () => {
  it('filter bar with every control', async () => {
    const el = await fixture<HTMLElement>(html`<crm-filter-bar
      style="inline-size: 360px"
      .entityTypes=${['Сделки', 'Счета', 'Звонки', 'Письма', 'Встречи', 'Задачи', 'Комментарии'].map((label, i) => ({ key: String(i), label, count: 1000 * i }))}
      .employees=${[employee]}
      .fields=${fields}
      .value=${{ types: [], preset: 'custom', employee: '', search: '', conditions: fields.map((f) => ({ code: f.code })) }}
    ></crm-filter-bar>`);
    fits(el);
  });

  it('data table (its scroller scrolls instead)', async () => {
    const el = await fixture<HTMLElement>(html`<crm-data-table
      style="inline-size: 360px"
      .columns=${['A', 'B', 'C', 'D'].map((k) => ({ key: k, label: `${k} ${long}`, value: () => long }))}
      .rows=${[1, 2, 3]}
    ></crm-data-table>`);
    fits(el);
  });

  it('employee card and name', async () => {
    const el = await fixture<HTMLElement & { show(): void; updateComplete: Promise<unknown> }>(
      html`<crm-employee style="display: block; inline-size: 360px" .employee=${employee}></crm-employee>`,
    );
    el.show();
    await el.updateComplete;
    fits(el);
    const card = el.shadowRoot?.querySelector('[part="card"]') as HTMLElement;
    expect(card.getBoundingClientRect().width).to.be.at.most(360);
  });

  it('progress bar', async () => {
    const el = await fixture<HTMLElement>(html`<crm-progress-bar style="inline-size: 360px" loaded="123456789" total="987654321" time-left-ms="3600000"></crm-progress-bar>`);
    fits(el);
  });
});
