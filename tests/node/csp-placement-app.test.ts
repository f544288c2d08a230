/**
 * CSP and Trusted Types for the Bitrix24 placement app: the built app (the same Vite build that
 * goes into dist-app.zip) is served with
 * `default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self' <the CRM origin>;
 * require-trusted-types-for 'script'` and opened the way a portal opens it: an iframe named
 * `<domain>|<https>|<app sid>`, loaded by a form POST, inside a portal page on the CRM's origin
 * that answers the SDK's postMessage protocol (getInitData, resizeWindow, refreshAuth,
 * setInstallFinish). The CRM is the Bitrix24 emulator, behind a small proxy that also serves the
 * portal page, so the page, the REST API and the frame's `DOMAIN` share one origin as on a portal. Each handler (the three card tabs with
 * PLACEMENT_OPTIONS.ID, the left-menu page, the install page) must show its data and report no
 * `securitypolicyviolation`, no CSP or Trusted Types console error and no page error.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { build } from 'vite';
import { startEmulator, type Emulator } from '../../packages/adapter-bitrix24/emulator/server.js';
import { makeFixture } from '../../packages/adapter-bitrix24/src/testing/fixture.js';
import { serveStatic, type StaticServer } from '../support/static-server.js';

const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const APP_SID = 'crmkit-test-sid';

/** The policy the issue names, nothing added: images, fonts, frames and workers fall back to `'self'`. */
export function placementPolicy(crmOrigin: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src 'self' ${crmOrigin}`,
    "require-trusted-types-for 'script'",
  ].join('; ');
}

interface Handler {
  readonly file: string;
  readonly placement: string;
  readonly options: Record<string, string>;
  readonly install?: boolean;
}

/**
 * The portal's page: an iframe opened by a form POST (as Bitrix24 opens a handler) and the
 * parent side of the SDK's protocol: `<command>:<params JSON>:<callback id>:<app sid>` in,
 * `<callback id>:<JSON>` back to the frame's origin. Commands are recorded in `window.__commands`.
 */
function portalPage(emu: Emulator, portalOrigin: string, appOrigin: string, h: Handler): string {
  const host = new URL(portalOrigin).host;
  const token = emu.issueToken(1);
  const init = {
    AUTH_ID: token.access_token,
    AUTH_EXPIRES: String(token.expires_in),
    REFRESH_ID: token.refresh_token,
    DOMAIN: host,
    PROTOCOL: 0,
    PATH: '/rest/',
    LANG: 'ru',
    MEMBER_ID: token.member_id,
    IS_ADMIN: true,
    APP_OPTIONS: {},
    USER_OPTIONS: {},
    PLACEMENT: h.placement,
    PLACEMENT_OPTIONS: h.options,
    INSTALL: Boolean(h.install),
    FIRST_RUN: false,
  };
  const form = { AUTH_ID: token.access_token, AUTH_EXPIRES: String(token.expires_in), REFRESH_ID: token.refresh_token, member_id: token.member_id, status: 'L', PLACEMENT: h.placement, PLACEMENT_OPTIONS: JSON.stringify(h.options) };
  const json = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');
  return `<!doctype html><html><head><meta charset="utf-8"><title>portal</title></head><body>
<iframe name="${host}|0|${APP_SID}" id="app" style="width:800px;height:200px;border:0"></iframe>
<form id="open" method="POST" target="${host}|0|${APP_SID}" action="${appOrigin}/${h.file}"></form>
<script>
  const init = ${json(init)};
  const fields = ${json(form)};
  const appOrigin = ${json(appOrigin)};
  const frame = document.getElementById('app');
  window.__commands = [];
  window.addEventListener('message', (e) => {
    if (e.origin !== appOrigin || typeof e.data !== 'string') return;
    const m = /^(\\w+):(?:(.*):)?([^:]+):(${APP_SID})$/s.exec(e.data);
    if (!m) return;
    const [, cmd, params, callback] = m;
    const p = params ? JSON.parse(params) : undefined;
    window.__commands.push({ cmd, params: p });
    if (cmd === 'resizeWindow' && p) frame.style.height = p.height + 'px';
    const auth = { AUTH_ID: init.AUTH_ID, REFRESH_ID: init.REFRESH_ID, AUTH_EXPIRES: init.AUTH_EXPIRES };
    const reply = cmd === 'getInitData' ? init : cmd === 'refreshAuth' ? auth : {};
    e.source.postMessage(callback + ':' + JSON.stringify(reply), appOrigin);
  });
  const f = document.getElementById('open');
  for (const [k, v] of Object.entries(fields)) {
    const i = document.createElement('input');
    i.type = 'hidden'; i.name = k; i.value = v; f.append(i);
  }
  f.submit();
</script></body></html>`;
}

let outDir: string;
let app: StaticServer;
let emu: Emulator;
let portal: { origin: string; server: Server };
let browser: Browser;
/** The handler the next portal page opens (one page at a time). */
let current: Handler | undefined;

/** The portal: `/portal` is the page around the app's frame; everything else goes to the emulator. */
async function startPortal(): Promise<{ origin: string; server: Server }> {
  const target = new URL(emu.origin);
  const server = createServer((req, res) => {
    if (req.url === '/portal' && current) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(portalPage(emu, portal.origin, app.origin, current));
      return;
    }
    const up = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

before(async () => {
  emu = await startEmulator(makeFixture(), { bucket: false, operating: false });
  portal = await startPortal();
  outDir = mkdtempSync(join(tmpdir(), 'crmkit-b24app-'));
  await build({ configFile: 'packages/adapter-bitrix24/app/vite.config.ts', logLevel: 'error', build: { outDir, emptyOutDir: true } });
  app = await serveStatic(outDir, { 'Content-Security-Policy': placementPolicy(portal.origin) });
  browser = await chromium.launch({ executablePath: CHROME, args: ARGS });
});

after(async () => {
  await browser?.close();
  await app?.close();
  if (portal) {
    portal.server.closeAllConnections();
    await new Promise((resolve) => portal.server.close(resolve));
  }
  await emu?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

/** Opens one handler in the imitated portal; returns the app's frame and the violations seen. */
async function openHandler(h: Handler): Promise<{ page: Page; frame: Frame; violations: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
  const violations: string[] = [];
  await page.exposeFunction('__cspViolation', (text: string) => violations.push(text));
  // Runs in every frame, the app's included, before its scripts.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __cspViolation(t: string): void }).__cspViolation(`${location.pathname}: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber} ${e.sample}`);
    });
  });
  page.on('console', (m) => {
    if (/Content Security Policy|TrustedHTML|TrustedScript|Trusted Type|Refused to/i.test(m.text())) violations.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => violations.push(`pageerror: ${e.message}`));
  current = h;
  await page.goto(`${portal.origin}/portal`);
  const frame = await waitForFrame(page, `${app.origin}/${h.file}`);
  return { page, frame, violations };
}

async function waitForFrame(page: Page, url: string): Promise<Frame> {
  for (let i = 0; i < 300; i++) {
    const f = page.frames().find((x) => x.url() === url);
    if (f) {
      await f.waitForLoadState('load');
      return f;
    }
    await page.waitForTimeout(50);
  }
  throw new Error(`the app frame ${url} never loaded`);
}

/** Waits until every tag in the frame has rendered, out of its loading state, and none failed. */
async function widgetsReady(frame: Frame, tags: readonly string[]): Promise<void> {
  await frame.waitForFunction(
    (list: string[]) =>
      list.every((tag) => {
        const el = document.querySelector(tag);
        return el !== null && !el.matches(':state(loading)') && (el.shadowRoot?.textContent ?? '').trim().length > 0;
      }),
    [...tags],
    { timeout: 60_000 },
  );
  for (const tag of tags) {
    const failed = await frame.evaluate((t) => document.querySelector(t)?.matches(':state(error)') ?? true, tag);
    assert.equal(failed, false, `${tag} renders its data, not an error`);
  }
}

async function commands(page: Page): Promise<{ cmd: string; params?: { height?: number } }[]> {
  return page.evaluate(() => (window as unknown as { __commands: { cmd: string; params?: { height?: number } }[] }).__commands);
}

describe('placement app under CSP with Trusted Types, in an imitated Bitrix24 frame', { timeout: 300_000 }, () => {
  const tabs: { file: string; placement: string; id: string; shows: string[] }[] = [
    // Contact 1's own activities.
    { file: 'contact-tab.html', placement: 'CRM_CONTACT_DETAIL_TAB', id: '1', shows: ['Входящий звонок', 'Чат на сайте'] },
    // Company 1's e-mail.
    { file: 'company-tab.html', placement: 'CRM_COMPANY_DETAIL_TAB', id: '1', shows: ['Коммерческое предложение'] },
    // Deal 2 has no company: its tab shows its first contact, 2, and that contact's meeting.
    { file: 'deal-tab.html', placement: 'CRM_DEAL_DETAIL_TAB', id: '2', shows: ['Встреча в офисе'] },
  ];
  for (const tab of tabs) {
    it(`${tab.placement} (${tab.file}, PLACEMENT_OPTIONS.ID=${tab.id}) shows the record's client with no violation`, async () => {
      const { page, frame, violations } = await openHandler({ file: tab.file, placement: tab.placement, options: { ID: tab.id } });
      try {
        await widgetsReady(frame, ['crm-activity-counters', 'crm-client-timeline']);
        for (const text of tab.shows) await frame.getByText(text).first().waitFor({ timeout: 30_000 });
        // The frame was sized to the content through the SDK (`resizeWindow` to the parent).
        await page.waitForFunction(() => (window as unknown as { __commands: { cmd: string }[] }).__commands.some((c) => c.cmd === 'resizeWindow'), undefined, { timeout: 30_000 });
        const sent = await commands(page);
        assert.equal(sent[0]?.cmd, 'getInitData', 'the SDK handshake came first');
        assert.ok(sent.filter((c) => c.cmd === 'resizeWindow').every((c) => (c.params?.height ?? 0) > 0), 'resized to a real height');
        assert.deepEqual(violations, [], 'no CSP or Trusted Types violation');
      } finally {
        await page.close();
      }
    });
  }

  it('the left-menu page (menu.html) shows the client base, forgotten deals and registry conversion with no violation', async () => {
    const { page, frame, violations } = await openHandler({ file: 'menu.html', placement: 'DEFAULT', options: {} });
    try {
      await widgetsReady(frame, ['crm-client-base', 'crm-forgotten-deals', 'crm-registry-conversion']);
      // The portal's company in the client base, an open deal without touches among the forgotten.
      await frame.locator('crm-client-base').getByText('ООО «Ромашка»').first().waitFor({ timeout: 60_000 });
      await frame.locator('crm-forgotten-deals').getByText('Страховка КАСКО').first().waitFor({ timeout: 60_000 });
      await page.waitForFunction(() => (window as unknown as { __commands: { cmd: string }[] }).__commands.some((c) => c.cmd === 'resizeWindow'), undefined, { timeout: 30_000 });
      assert.deepEqual(violations, [], 'no CSP or Trusted Types violation');
    } finally {
      await page.close();
    }
  });

  it('the install page (install.html) binds the three card tabs, finishes installation, no violation', async () => {
    const { page, frame, violations } = await openHandler({ file: 'install.html', placement: 'DEFAULT', options: {}, install: true });
    try {
      await frame.getByText('Готово.').waitFor({ timeout: 60_000 });
      const placements = (await (await fetch(`${emu.origin}/emulator/placements`)).json()) as { placement: string; handler: string }[];
      for (const [placement, file] of [['CRM_CONTACT_DETAIL_TAB', 'contact-tab.html'], ['CRM_COMPANY_DETAIL_TAB', 'company-tab.html'], ['CRM_DEAL_DETAIL_TAB', 'deal-tab.html']]) {
        assert.ok(placements.some((p) => p.placement === placement && p.handler === `${app.origin}/${file}`), `${placement} bound to ${file}`);
      }
      await page.waitForFunction(() => (window as unknown as { __commands: { cmd: string }[] }).__commands.some((c) => c.cmd === 'setInstallFinish'), undefined, { timeout: 30_000 });
      assert.deepEqual(violations, [], 'no CSP or Trusted Types violation');
    } finally {
      await page.close();
    }
  });
  it('control: the same collector does catch a violation in the app frame', async () => {
    const { page, frame, violations } = await openHandler({ file: 'contact-tab.html', placement: 'CRM_CONTACT_DETAIL_TAB', options: { ID: '1' } });
    try {
      await widgetsReady(frame, ['crm-activity-counters']);
      // A string into an HTML sink: Trusted Types refuses it and reports the violation.
      const refused = await frame.evaluate(() => {
        try {
          document.createElement('div').innerHTML = '<b>x</b>';
          return false;
        } catch {
          return true;
        }
      });
      assert.equal(refused, true, 'Trusted Types are enforced in the frame');
      for (let i = 0; i < 100 && violations.length === 0; i++) await page.waitForTimeout(50);
      assert.ok(violations.some((v) => /trusted-types|Trusted/i.test(v)), `the violation was collected: ${violations.join(' | ')}`);
    } finally {
      await page.close();
    }
  });
});
