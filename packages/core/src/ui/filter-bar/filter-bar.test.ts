import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { matchesFilter } from '../../adapter/match.js';
import type { CrmFilterChangeEvent } from '../../events/filter-change.js';
import type { FieldDefinition } from '../../model/fields.js';
import type { Employee } from '../../model/people.js';
import './crm-filter-bar.js';
import type { CrmFilterBar } from './filter-bar.js';
import { buildFilter, EMPTY_FILTER_BAR_VALUE, fieldConditionFilter } from './filter-model.js';

const fields: FieldDefinition[] = [
  {
    id: 'deal:UF_CRM_PERIOD',
    code: 'UF_CRM_PERIOD',
    owner: 'deal',
    label: 'Период',
    type: 'enumeration',
    multiple: false,
    builtIn: false,
    options: [
      { id: '41', label: 'Апрель' },
      { id: '42', label: 'Май' },
    ],
  },
  { id: 'deal:UF_CRM_NOTE', code: 'UF_CRM_NOTE', owner: 'deal', label: 'Заметка', type: 'string', multiple: false, builtIn: false },
  { id: 'deal:amount', code: 'amount', owner: 'deal', label: 'Сумма', type: 'money', multiple: false, builtIn: true },
  { id: 'deal:UF_CRM_START', code: 'UF_CRM_START', owner: 'deal', label: 'Начало', type: 'date', multiple: false, builtIn: false },
  { id: 'deal:UF_CRM_VIP', code: 'UF_CRM_VIP', owner: 'deal', label: 'VIP', type: 'boolean', multiple: false, builtIn: false },
];

const employees: Employee[] = [
  { id: '1', name: 'Иван Петров', departmentIds: [], active: true },
  { id: '2', name: 'Мария Смирнова', departmentIds: [], active: true },
];

const NOW = Date.parse('2025-11-25T10:00:00Z');
const targets = { typeField: 'kind', dateField: 'createdAt', employeeField: 'responsibleId', fields, now: NOW, timeZone: 'Europe/Moscow' };

describe('buildFilter', () => {
  it('turns every control into core conditions', () => {
    const filter = buildFilter(
      {
        types: ['deal', 'call'],
        preset: 'thisMonth',
        employee: '2',
        search: 'x',
        conditions: [
          { code: 'UF_CRM_PERIOD', options: ['41'] },
          { code: 'UF_CRM_NOTE', text: '  пролонгация ' },
          { code: 'amount', min: 1000, max: 5000 },
          { code: 'UF_CRM_START', from: '2025-12-31', to: '2025-12-01' },
          { code: 'UF_CRM_VIP', bool: false },
          { code: 'UF_CRM_GONE', text: 'field no longer exists' },
        ],
      },
      targets,
    );
    expect(filter).to.deep.equal([
      { field: 'kind', op: 'in', value: ['deal', 'call'] },
      { field: 'createdAt', op: 'gte', value: Date.parse('2025-10-31T21:00:00Z') },
      { field: 'createdAt', op: 'lt', value: Date.parse('2025-11-30T21:00:00Z') },
      { field: 'responsibleId', op: 'eq', value: '2' },
      { field: 'fields.UF_CRM_PERIOD', op: 'in', value: ['41'] },
      { field: 'fields.UF_CRM_NOTE', op: 'contains', value: 'пролонгация' },
      { field: 'amount', op: 'gte', value: 1000 },
      { field: 'amount', op: 'lte', value: 5000 },
      { field: 'fields.UF_CRM_START', op: 'gte', value: '2025-12-01' },
      { field: 'fields.UF_CRM_START', op: 'lte', value: '2025-12-31' },
      { field: 'fields.UF_CRM_VIP', op: 'eq', value: false },
    ]);
  });

  it('filters nothing when nothing is set, and custom days are inclusive', () => {
    expect(buildFilter(EMPTY_FILTER_BAR_VALUE, targets)).to.deep.equal([]);
    const custom = buildFilter({ ...EMPTY_FILTER_BAR_VALUE, preset: 'custom', from: '2025-11-01', to: '2025-11-01' }, targets);
    const inside = { createdAt: Date.parse('2025-11-01T20:59:59Z') };
    const after = { createdAt: Date.parse('2025-11-01T21:00:00Z') };
    expect(matchesFilter(inside, custom)).to.equal(true);
    expect(matchesFilter(after, custom)).to.equal(false);
  });

  it('matches records through the core matcher', () => {
    const def = fields[0] as FieldDefinition;
    const cond = fieldConditionFilter(def, { code: def.code, options: ['42'] }, 'UTC');
    expect(matchesFilter({ fields: { UF_CRM_PERIOD: '42' } }, cond)).to.equal(true);
    expect(matchesFilter({ fields: { UF_CRM_PERIOD: '41' } }, cond)).to.equal(false);
    expect(fieldConditionFilter(def, { code: def.code }, 'UTC')).to.deep.equal([]);
  });
});

describe('<crm-filter-bar>', () => {
  async function bar(): Promise<CrmFilterBar> {
    return fixture<CrmFilterBar>(html`<crm-filter-bar
      time-zone="Europe/Moscow"
      .now=${NOW}
      .entityTypes=${[
        { key: 'deal', label: 'Сделки', count: 12 },
        { key: 'call', label: 'Звонки', count: 30 },
      ]}
      .employees=${employees}
      .fields=${fields}
    ></crm-filter-bar>`);
  }
  const $ = <T extends Element>(el: CrmFilterBar, s: string) => el.shadowRoot?.querySelector(s) as T;

  it('is accessible with every control set', async () => {
    const el = await bar();
    await expect(el).to.be.accessible();
    el.value = {
      types: ['deal'],
      preset: 'custom',
      from: '2025-11-01',
      to: '2025-11-30',
      employee: '1',
      search: 'Ромашка',
      conditions: fields.map((f) => ({ code: f.code })),
    };
    await el.updateComplete;
    expect(el.shadowRoot?.querySelectorAll('.condition').length).to.equal(5);
    await expect(el).to.be.accessible();
  });

  it('toggles type chips with the keyboard and fires crm-filter-change', async () => {
    const el = await bar();
    const events: CrmFilterChangeEvent[] = [];
    el.addEventListener('crm-filter-change', (e) => events.push(e));
    const chip = $<HTMLButtonElement>(el, '.chip');
    expect(chip.textContent?.replace(/\s+/g, ' ').trim()).to.equal('Сделки 12');
    chip.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(chip.getAttribute('aria-pressed')).to.equal('true');
    expect(events.at(-1)?.filter).to.deep.equal([{ field: 'kind', op: 'in', value: ['deal'] }]);
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(chip.getAttribute('aria-pressed')).to.equal('false');
    expect(events.at(-1)?.filter).to.deep.equal([]);
  });

  it('types into search, picks a preset and an employee from the keyboard', async () => {
    const el = await bar();
    const events: CrmFilterChangeEvent[] = [];
    el.addEventListener('crm-filter-change', (e) => events.push(e));
    $<HTMLInputElement>(el, 'input[type="search"]').focus();
    await sendKeys({ type: 'Ром' });
    expect(events.at(-1)?.search).to.equal('Ром');

    const preset = $<HTMLSelectElement>(el, 'select.preset');
    preset.focus();
    preset.value = 'today';
    preset.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(events.at(-1)?.filter).to.deep.equal([
      { field: 'createdAt', op: 'gte', value: Date.parse('2025-11-24T21:00:00Z') },
      { field: 'createdAt', op: 'lt', value: Date.parse('2025-11-25T21:00:00Z') },
    ]);

    const employee = $<HTMLSelectElement>(el, 'select.employee');
    employee.value = '2';
    employee.dispatchEvent(new Event('change'));
    expect(events.at(-1)?.filter.at(-1)).to.deep.equal({ field: 'responsibleId', op: 'eq', value: '2' });
    expect(events.at(-1)?.search).to.equal('Ром');
  });

  it('shows custom from–to inputs for a custom period', async () => {
    const el = await bar();
    const preset = $<HTMLSelectElement>(el, 'select.preset');
    preset.value = 'custom';
    preset.dispatchEvent(new Event('change'));
    await el.updateComplete;
    const from = $<HTMLInputElement>(el, 'input.from');
    from.value = '2025-11-03';
    from.dispatchEvent(new Event('change'));
    expect(el.filter).to.deep.equal([{ field: 'createdAt', op: 'gte', value: Date.parse('2025-11-02T21:00:00Z') }]);
  });

  it('adds a custom-field condition, chooses an option by its label, removes it', async () => {
    const el = await bar();
    const add = $<HTMLSelectElement>(el, 'select.add');
    add.value = 'UF_CRM_PERIOD';
    add.dispatchEvent(new Event('change'));
    await el.updateComplete;
    await el.updateComplete;
    const row = $<HTMLElement>(el, '[data-code="UF_CRM_PERIOD"]');
    const april = [...row.querySelectorAll<HTMLButtonElement>('.chip')].find((b) => b.textContent?.trim() === 'Апрель') as HTMLButtonElement;
    expect(el.shadowRoot?.activeElement).to.equal(row.querySelector('.chip'));
    april.focus();
    await sendKeys({ press: 'Enter' });
    expect(el.filter).to.deep.equal([{ field: 'fields.UF_CRM_PERIOD', op: 'in', value: ['41'] }]);
    const remove = row.querySelector('.remove') as HTMLButtonElement;
    expect(remove.getAttribute('aria-label')).to.equal('Удалить условие «Период»');
    remove.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.filter).to.deep.equal([]);
    expect($<HTMLElement>(el, '[data-code="UF_CRM_PERIOD"]')).to.equal(null);
  });

  it('resets every control', async () => {
    const el = await bar();
    el.value = { ...EMPTY_FILTER_BAR_VALUE, types: ['call'], employee: '1', search: 'x', conditions: [{ code: 'UF_CRM_VIP', bool: true }] };
    await el.updateComplete;
    let last: CrmFilterChangeEvent | undefined;
    el.addEventListener('crm-filter-change', (e) => (last = e));
    $<HTMLButtonElement>(el, '.reset').click();
    await el.updateComplete;
    expect(last?.filter).to.deep.equal([]);
    expect(last?.search).to.equal('');
    expect($<HTMLInputElement>(el, 'input[type="search"]').value).to.equal('');
    expect(el.shadowRoot?.querySelectorAll('.condition').length).to.equal(0);
  });

  it('speaks English with lang="en"', async () => {
    const el = await bar();
    el.lang = 'en';
    await el.updateComplete;
    expect($<HTMLButtonElement>(el, '.reset').textContent?.trim()).to.equal('Reset filters');
  });
});
