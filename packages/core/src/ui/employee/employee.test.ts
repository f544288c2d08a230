import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Employee } from '../../model/people.js';
import './crm-employee.js';
import type { CrmEmployee } from './employee.js';
import { departmentNames, fullName } from './employee.js';

const PHOTO = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

const full: Employee = {
  id: '7',
  name: 'Иван Петров',
  firstName: 'Иван',
  lastName: 'Петров',
  secondName: 'Сергеевич',
  departmentIds: ['d1', 'd9'],
  position: 'Менеджер по продажам',
  photoUrl: PHOTO,
  phone: '+7 999 123-45-67',
  email: 'petrov@example.ru',
  active: true,
};

const nameOnly: Employee = { id: '8', name: 'Мария', departmentIds: [], active: true };

const card = (el: CrmEmployee) => el.shadowRoot?.querySelector<HTMLElement>('[role="tooltip"]') ?? null;
const button = (el: CrmEmployee) => el.shadowRoot?.querySelector<HTMLButtonElement>('button') as HTMLButtonElement;

describe('<crm-employee>', () => {
  it('resolves department names and the full name', () => {
    expect(departmentNames(full, new Map([['d1', { id: 'd1', name: 'Продажи' }]]))).to.deep.equal(['Продажи']);
    expect(departmentNames(full, { d9: 'Филиал' })).to.deep.equal(['Филиал']);
    expect(departmentNames(full, undefined)).to.deep.equal([]);
    expect(fullName(full)).to.equal('Петров Иван Сергеевич');
    expect(fullName(nameOnly)).to.equal('Мария');
  });

  it('shows the card on hover with everything the CRM gave, and is accessible', async () => {
    const el = await fixture<CrmEmployee>(html`<crm-employee .employee=${full} .departments=${{ d1: 'Отдел продаж' }}></crm-employee>`);
    expect(card(el)).to.equal(null);
    // Pointer events are dispatched, not driven through the browser: with two test pages open at
    // once, a real mouse move reaches only the page in front and the test would hang.
    button(el).dispatchEvent(new MouseEvent('mouseenter'));
    await waitUntil(() => card(el), 'card did not open on hover', { timeout: 5000 });
    const c = card(el) as HTMLElement;
    expect(c.getAttribute('aria-label')).to.equal('Карточка сотрудника: Петров Иван Сергеевич');
    expect(c.textContent).to.contain('Отдел продаж').and.to.contain('Менеджер по продажам').and.to.contain('+7 999 123-45-67').and.to.contain('petrov@example.ru');
    expect(c.querySelector('img')?.getAttribute('src')).to.equal(PHOTO);
    expect(button(el).getAttribute('aria-describedby')).to.equal(c.id);
    await waitUntil(() => c.style.top !== '', 'card was not positioned', { timeout: 5000 });
    await expect(el).to.be.accessible();
    button(el).dispatchEvent(new MouseEvent('mouseleave'));
    await waitUntil(() => !card(el), 'card did not close when the pointer left', { timeout: 5000 });
  });

  it('shows the card on keyboard focus and closes it with Escape', async () => {
    // Fixtures of plain elements wait for an animation frame, which a background test page may
    // never get: the fixture is the Lit element and the button before it is added by hand.
    const emp = await fixture<CrmEmployee>(html`<crm-employee .employee=${full}></crm-employee>`);
    const before = document.createElement('button');
    before.textContent = 'before';
    emp.before(before);
    before.focus();
    await sendKeys({ press: 'Tab' });
    await emp.updateComplete;
    expect(card(emp)).not.to.equal(null);
    expect(emp.positioning).to.equal(true);
    await sendKeys({ press: 'Escape' });
    await emp.updateComplete;
    expect(card(emp)).to.equal(null);
    expect(emp.positioning).to.equal(false);
  });

  it('shows only the name, without errors, when the CRM gives no more', async () => {
    const el = await fixture<CrmEmployee>(html`<crm-employee .employee=${nameOnly}></crm-employee>`);
    button(el).focus();
    await el.updateComplete;
    const c = card(el) as HTMLElement;
    expect(c.querySelector('dl')).to.equal(null);
    expect(c.querySelector('img')).to.equal(null);
    expect(c.textContent?.replace(/\s+/g, ' ').trim()).to.equal('М Мария');
    await expect(el).to.be.accessible();
  });

  it('never shows an unsafe photo URL and works from a bare name', async () => {
    const el = await fixture<CrmEmployee>(html`<crm-employee name="Олег" .employee=${undefined}></crm-employee>`);
    button(el).focus();
    await el.updateComplete;
    expect(card(el)?.textContent).to.contain('Олег');
    el.employee = { ...full, photoUrl: 'javascript:alert(1)' };
    await el.updateComplete;
    expect(card(el)?.querySelector('img')).to.equal(null);
  });

  it('says "not set" without a person and stops positioning when removed', async () => {
    const empty = await fixture<CrmEmployee>(html`<crm-employee></crm-employee>`);
    expect(empty.shadowRoot?.textContent?.trim()).to.equal('Не указан');
    await expect(empty).to.be.accessible();

    const el = await fixture<CrmEmployee>(html`<crm-employee .employee=${full}></crm-employee>`);
    button(el).focus();
    await el.updateComplete;
    expect(el.positioning).to.equal(true);
    el.remove();
    expect(el.positioning).to.equal(false);
  });
});
