/**
 * The README's main command serves the demo: every widget on the mock CRM renders data in real
 * Chromium, nothing fails on the page, and no request leaves the page's own origin (the egress
 * promise: with the mock adapter there is no CRM origin at all).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { DEMO_WIDGETS } from '../../demo/widget-list.js';
import { startOneCEmulator } from '../../packages/adapter-1c/emulator/server.js';
import { startEmulator as startBitrix24Emulator } from '../../packages/adapter-bitrix24/emulator/server.js';
import { generateMockCrm } from '@crmkit/adapter-mock';

const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

let server: ViteDevServer;
let browser: Browser;
let base: string;

before(async () => {
  server = await createServer({ configFile: 'vite.config.ts', server: { port: 0, host: '127.0.0.1' }, logLevel: 'error' });
  await server.listen();
  const address = server.httpServer?.address();
  assert.ok(address && typeof address === 'object');
  base = `http://127.0.0.1:${address.port}/`;
  browser = await chromium.launch({ executablePath: CHROME, args: ARGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function openDemo(query: string, width: number, tags: readonly string[] = DEMO_WIDGETS.map((w) => w.tag)) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const errors: string[] = [];
  const origins = new Set<string>();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('request', (r) => origins.add(new URL(r.url()).origin));
  await page.goto(`${base}${query}`);
  await page.waitForFunction((n) => document.querySelectorAll('main.demo-grid > section').length === n, DEMO_WIDGETS.length, {
    timeout: 60_000,
  });
  // Every widget finishes loading (no element left in the loading state).
  await page.waitForFunction(
    (tags: string[]) =>
      tags.every((tag) => {
        const el = document.querySelector(tag);
        return el !== null && !el.matches(':state(loading)') && (el.shadowRoot?.textContent ?? '').trim().length > 0;
      }),
    [...tags],
    { timeout: 90_000 },
  );
  return { page, errors, origins };
}

describe('demo page', { timeout: 180_000 }, () => {
  it('shows every widget with data from the mock CRM, with no page error and no foreign request', async () => {
    const { page, errors, origins } = await openDemo('?scale=small&lang=ru', 1280);
    for (const w of DEMO_WIDGETS) {
      const state = await page.evaluate((tag) => {
        const el = document.querySelector(tag);
        return {
          defined: customElements.get(tag) !== undefined,
          error: el?.matches(':state(error)') ?? true,
          text: el?.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim().slice(0, 200) ?? '',
        };
      }, w.tag);
      assert.ok(state.defined, `${w.tag} is registered`);
      assert.equal(state.error, false, `${w.tag} shows no error: ${state.text}`);
      assert.ok(state.text.length > 20, `${w.tag} shows content`);
    }
    assert.deepEqual(errors, [], 'no errors on the page');
    assert.deepEqual([...origins], [new URL(base).origin], 'every request goes to the page origin only');
    await page.close();
  });

  it('runs on 1C: asks for the 1C user in its own form on 401 (Cyrillic names), then shows the 1C widgets', async () => {
    const emulator = await startOneCEmulator({ port: 0, cors: true });
    try {
      const odata = `${emulator.origin}/crm1c/odata/standard.odata/`;
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const origins = new Set<string>();
      page.on('request', (r) => origins.add(new URL(r.url()).origin));
      await page.goto(`${base}?adapter=1c&odata=${encodeURIComponent(odata)}`);
      await page.waitForSelector('form.demo-login', { timeout: 60_000 });
      await page.fill('input[name=user]', 'Иванова Мария');
      await page.fill('input[name=password]', 'неверный');
      await page.click('button[type=submit]');
      await page.waitForSelector('form.demo-login [role=alert]', { timeout: 30_000 });
      await page.fill('input[name=user]', 'Иванова Мария');
      await page.fill('input[name=password]', 'пароль');
      await page.click('button[type=submit]');
      await page.waitForSelector('main.demo-grid', { timeout: 60_000 });
      // The widgets 1C data serves: шахматка, booking calendar, timeline and counters.
      const tags = ['crm-shahmatka', 'crm-booking-calendar', 'crm-client-timeline', 'crm-activity-counters'];
      await page.waitForFunction(
        (list: string[]) =>
          list.every((tag) => {
            const el = document.querySelector(tag);
            return el !== null && !el.matches(':state(loading)') && (el.shadowRoot?.textContent ?? '').trim().length > 0;
          }),
        tags,
        { timeout: 90_000 },
      );
      for (const tag of tags) {
        const failed = await page.evaluate((t) => document.querySelector(t)?.matches(':state(error)') ?? true, tag);
        assert.equal(failed, false, `${tag} renders 1C data without an error`);
      }
      assert.deepEqual([...origins].sort(), [new URL(base).origin, emulator.origin].sort(), 'requests go to the page and the 1C server only');
      await page.close();
    } finally {
      await emulator.close();
    }
  });

  it('runs every widget on Bitrix24 through ?adapter=bitrix24&webhook=<url> (the REST emulator)', async () => {
    const snapshot = generateMockCrm({ scale: 'small', seed: 3, now: Date.UTC(2026, 10, 25, 9) });
    const portal = await startBitrix24Emulator(snapshot, { bucket: false, operating: false });
    try {
      const { page, errors, origins } = await openDemo(`?adapter=bitrix24&webhook=${encodeURIComponent(portal.webhook)}`, 1280, [
        'crm-activity-counters',
        'crm-client-timeline',
        'crm-client-base',
        'crm-forgotten-deals',
        'crm-registry-conversion',
      ]);
      for (const tag of ['crm-activity-counters', 'crm-client-timeline', 'crm-client-base', 'crm-forgotten-deals', 'crm-registry-conversion']) {
        const failed = await page.evaluate((t) => document.querySelector(t)?.matches(':state(error)') ?? true, tag);
        assert.equal(failed, false, `${tag} renders Bitrix24 data without an error`);
      }
      // Real estate is not Bitrix24's: those widgets say so instead of failing silently.
      const chess = await page.evaluate(() => document.querySelector('crm-shahmatka')?.shadowRoot?.textContent ?? '');
      assert.match(chess, /Недоступно|недоступ|not available/i);
      assert.deepEqual([...origins].sort(), [new URL(base).origin, portal.origin].sort(), 'requests go to the page and the portal only');
      // Refresh after a B2C client was renamed on the portal: the client base asks only what
      // changed (and checks ids), and shows the new name.
      const contacts = portal.tables.contact as Record<string, unknown>[];
      const i = contacts.findIndex((c) => !(c.COMPANY_ID as number) && !((c.COMPANY_IDS as unknown[] | undefined)?.length));
      const renamed = `Переименованный ${String(contacts[i].ID)}`;
      contacts[i] = { ...contacts[i], NAME: renamed, LAST_NAME: '', SECOND_NAME: '', DATE_MODIFY: Date.now() + 60_000 };
      const firstRows = Object.values(portal.stats.rows).reduce((a, b) => a + b, 0);
      portal.control({ resetStats: true });
      await page.evaluate(() => (document.querySelector('crm-client-base')?.shadowRoot?.querySelector('[part="status"] button') as HTMLButtonElement).click());
      await page.waitForFunction(
        (name: string) => ((document.querySelector('crm-client-base') as unknown as { rows?: { client: { name: string } }[] }).rows ?? []).some((r) => r.client.name.includes(name)),
        renamed,
        { timeout: 60_000 },
      );
      const refreshRows = Object.values(portal.stats.rows).reduce((a, b) => a + b, 0);
      assert.ok(refreshRows < firstRows / 2, `Refresh read ${refreshRows} rows, the page's first load ${firstRows}`);
      // The widgets report "not supported" in the console too, by design; nothing else may fail.
      assert.deepEqual(errors.filter((e) => !/CrmError: not-supported/.test(e)), []);
      await page.close();
    } finally {
      await portal.close();
    }
  });

  it('forgets everything on logout: clearAllLocalData() removes every cache database and setting', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}?scale=small`);
    await page.waitForFunction(() => {
      const el = document.querySelector('crm-client-base');
      return el !== null && !el.matches(':state(loading)') && (el.shadowRoot?.textContent ?? '').trim().length > 0;
    }, undefined, { timeout: 90_000 });
    const before = await page.evaluate(async () => {
      localStorage.setItem('crmkit:views:deals:mock://crmkit|1', '[]');
      return (await indexedDB.databases()).map((d) => d.name ?? '');
    });
    assert.ok(before.some((n) => n.startsWith('crmkit-cache-')), `the client base cached its data: ${before.join(', ')}`);
    const after = await page.evaluate(async () => {
      // Vite serves the workspace package to the page under /@id/ (a URL the type checker cannot see).
      const url: string = '/@id/@crmkit/core';
      const core = (await import(/* @vite-ignore */ url)) as typeof import('@crmkit/core');
      await core.clearAllLocalData();
      return {
        databases: (await indexedDB.databases()).map((d) => d.name ?? ''),
        keys: Object.keys(localStorage).filter((k) => k.startsWith('crmkit:')),
      };
    });
    assert.deepEqual(after.databases.filter((n) => n.startsWith('crmkit-cache')), []);
    assert.deepEqual(after.keys, []);
    await context.close();
  });

  it('works in English and at 360 px without the page scrolling sideways', async () => {
    const { page, errors } = await openDemo('?scale=small&lang=en&theme=dark', 360);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `page overflows by ${overflow}px at 360 px`);
    const heading = await page.evaluate(() => document.querySelector('main section h2')?.textContent ?? '');
    assert.match(heading, /[A-Za-z]/);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
