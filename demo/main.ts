import { CrmError, isCrmError, type DataAdapter } from '@crmkit/core';
import { html, nothing, render } from 'lit';
import { createDemoAdapter, type Credentials } from './adapters.js';
import { readParams, withParams, SCALES, THEMES, type DemoParams } from './params.js';
import './register-widgets.js';
import { DEMO_WIDGETS, isDefined } from './widget-list.js';
import { chooseClients, type DemoClient } from './clients.js';

const params = readParams();
const app = document.getElementById('app') as HTMLElement;
const ru = params.lang === 'ru';
const t = (r: string, e: string): string => (ru ? r : e);

document.documentElement.lang = params.lang;
document.body.classList.toggle('crm-theme-dark', params.theme === 'dark');
document.body.classList.toggle('crm-theme-light', params.theme === 'light');

/** Replaces the page's content; a fresh container each time, since Lit remembers the last one it rendered into. */
function show(content: unknown): void {
  const host = document.createElement('div');
  app.replaceChildren(host);
  render(content, host);
}

function go(changes: Record<string, string | undefined>): void {
  location.href = withParams(changes);
}

function bar(p: DemoParams, clients: readonly DemoClient[], entity: string | undefined) {
  return html`<header class="demo-bar">
    <h1>crmkit</h1>
    <label
      >${t('Язык', 'Language')}
      <select @change=${(e: Event) => go({ lang: (e.target as HTMLSelectElement).value })}>
        <option value="ru" ?selected=${p.lang === 'ru'}>Русский</option>
        <option value="en" ?selected=${p.lang === 'en'}>English</option>
      </select></label
    >
    <label
      >${t('Тема', 'Theme')}
      <select @change=${(e: Event) => go({ theme: (e.target as HTMLSelectElement).value })}>
        ${THEMES.map((th) => html`<option value=${th} ?selected=${p.theme === th}>${th}</option>`)}
      </select></label
    >
    ${p.adapter === 'mock'
      ? html`<label
          >${t('Объём данных', 'Data scale')}
          <select @change=${(e: Event) => go({ scale: (e.target as HTMLSelectElement).value })}>
            ${SCALES.map((s) => html`<option value=${s} ?selected=${p.scale === s}>${s}</option>`)}
          </select></label
        >`
      : nothing}
    ${clients.length
      ? html`<label
          >${t('Клиент', 'Client')}
          <select @change=${(e: Event) => go({ entity: (e.target as HTMLSelectElement).value })}>
            ${clients.map((c) => html`<option value=${c.key} ?selected=${c.key === entity}>${c.label}</option>`)}
          </select></label
        >`
      : nothing}
    <span class="demo-source">${sourceLabel(p)}</span>
  </header>`;
}

function sourceLabel(p: DemoParams): string {
  if (p.adapter === 'bitrix24') return t('Bitrix24 через входящий вебхук', 'Bitrix24 through an inbound webhook');
  if (p.adapter === '1c') return t('1С:Предприятие (OData)', '1C:Enterprise (OData)');
  return t('Встроенная демо-CRM (данные сгенерированы в браузере)', 'Built-in mock CRM (data generated in the browser)');
}

function widgetCard(adapter: DataAdapter, tag: string, title: string, wide: boolean, client?: DemoClient) {
  if (!isDefined(tag)) {
    return html`<section class="demo-card ${wide ? 'wide' : ''}" aria-label=${title}>
      <h2>${title}</h2>
      <p class="demo-missing">${t('Этот виджет ещё не готов.', 'This widget is not built yet.')} &lt;${tag}&gt;</p>
    </section>`;
  }
  const el = document.createElement(tag) as HTMLElement & { adapter?: DataAdapter };
  el.adapter = adapter;
  if (client) {
    el.setAttribute('entity-type', client.kind);
    el.setAttribute('entity-id', client.id);
  }
  if (tag === 'crm-client-timeline') el.id = 'demo-timeline';
  if (tag === 'crm-activity-counters') el.setAttribute('for', 'demo-timeline');
  return html`<section class="demo-card ${wide ? 'wide' : ''}" aria-label=${title}>
    <h2>${title}</h2>
    ${el}
  </section>`;
}

function page(adapter: DataAdapter, clients: readonly DemoClient[], client: DemoClient | undefined) {
  return html`${bar(params, clients, client?.key)}
    <main class="demo-grid">
      ${DEMO_WIDGETS.map((w) =>
        widgetCard(adapter, w.tag, ru ? w.title.ru : w.title.en, w.wide === true, w.perClient ? client : undefined),
      )}
    </main>`;
}

function loginForm(error?: string) {
  return new Promise<Credentials>((resolve) => {
    const submit = (e: SubmitEvent) => {
      e.preventDefault();
      const form = new FormData(e.target as HTMLFormElement);
      resolve({ user: String(form.get('user') ?? ''), password: String(form.get('password') ?? '') });
    };
    show(
      html`<form class="demo-login" @submit=${submit}>
        <strong>${t('Вход в 1С:Предприятие', 'Sign in to 1C:Enterprise')}</strong>
        ${error ? html`<span class="demo-error" role="alert">${error}</span>` : nothing}
        <label>${t('Пользователь 1С', '1C user')} <input name="user" autocomplete="username" required /></label>
        <label
          >${t('Пароль', 'Password')} <input name="password" type="password" autocomplete="current-password"
        /></label>
        <button type="submit">${t('Войти', 'Sign in')}</button>
      </form>`,
    );
  });
}

function errorText(e: unknown): string {
  if (isCrmError(e)) return `${e.code}: ${e.detail ?? e.message}`;
  return e instanceof Error ? e.message : String(e);
}

async function start(): Promise<void> {
  let credentials: Credentials | undefined;
  for (;;) {
    try {
      const adapter = await createDemoAdapter(params, credentials, (text) => {
        app.textContent = text;
      });
      await adapter.identity();
      const clients = await chooseClients(adapter, params);
      const client = clients.find((c) => c.key === params.entity) ?? clients[0];
      show(page(adapter, clients, client));
      return;
    } catch (e) {
      console.error('[crmkit demo]', e);
      const needsLogin = params.adapter === '1c' && isCrmError(e) && (e.code === 'auth-expired' || e.code === 'access-denied');
      if (needsLogin) {
        credentials = await loginForm(credentials ? t('Неверное имя или пароль.', 'Wrong user name or password.') : undefined);
        continue;
      }
      show(html`<p class="demo-error" role="alert">${t('Не удалось подключиться к CRM', 'Could not connect to the CRM')}: ${errorText(e)}</p>`);
      return;
    }
  }
}

void start().catch((e: unknown) => {
  console.error(e instanceof CrmError ? e : e);
});
