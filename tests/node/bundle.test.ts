/**
 * The plain-HTML promise of the README: copy `dist-bundle/` to any static server, paste the
 * README's snippet, and the widgets show mock data. The page is served by a bare static server
 * (no module resolution), nothing may be requested from another origin, and a widget outside any
 * provider says that no data source is configured.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROME, CHROME_ARGS, readmeSnippet, serveStatic, type StaticServer } from '../packaging/static-server.js';

const WIDGETS = ['crm-activity-counters', 'crm-client-timeline', 'crm-forgotten-deals'];

let root: string;
let server: StaticServer;
let browser: Browser;
let snippet: string;

before(async () => {
  // Always a fresh bundle: the test checks what `npm run build` produces from today's sources.
  const r = spawnSync('node', ['scripts/build-bundle.mjs'], { encoding: 'utf8' });
  assert.equal(r.status, 0, `build-bundle failed:\n${r.stdout}\n${r.stderr}`);
  root = mkdtempSync(join(tmpdir(), 'crmkit-bundle-'));
  mkdirSync(join(root, 'crmkit'));
  cpSync('dist-bundle', join(root, 'crmkit'), { recursive: true });
  snippet = readmeSnippet(readFileSync('README.md', 'utf8'), 'embed-html');
  writeFileSync(join(root, 'index.html'), `<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>crmkit</title><link rel="icon" href="data:,"></head>\n<body>\n${snippet}</body>\n</html>\n`);
  writeFileSync(
    join(root, 'outside.html'),
    `<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>crmkit</title><link rel="icon" href="data:,"></head>\n<body>\n<script type="module" src="/crmkit/crmkit-loader.js"></script>\n<crm-forgotten-deals></crm-forgotten-deals>\n</body>\n</html>\n`,
  );
  server = await serveStatic(root);
  browser = await chromium.launch({ executablePath: CHROME, args: CHROME_ARGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

async function open(path: string): Promise<{ page: Page; errors: string[]; origins: Set<string> }> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const errors: string[] = [];
  const origins = new Set<string>();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('request', (r) => {
    if (!r.url().startsWith('data:')) origins.add(new URL(r.url()).origin);
  });
  await page.goto(server.origin + path);
  return { page, errors, origins };
}

describe('self-hosted bundle (dist-bundle/) with the README snippet', { timeout: 120_000 }, () => {
  it('the snippet uses the loader and a mock provider around several widgets', () => {
    assert.match(snippet, /<script type="module" src="\/crmkit\/crmkit-loader\.js"><\/script>/);
    assert.match(snippet, /<crm-provider adapter-kind="mock" scale="small"/);
    for (const tag of WIDGETS) assert.ok(snippet.includes(`<${tag}`), `snippet has <${tag}>`);
  });

  it('renders every widget with mock data, loading only from the page origin', async () => {
    const { page, errors, origins } = await open('/index.html');
    await page.waitForFunction(
      (tags: string[]) =>
        tags.every((tag) => {
          const el = document.querySelector(tag);
          const text = el?.shadowRoot?.textContent ?? '';
          return el !== null && customElements.get(tag) !== undefined && !el.matches(':state(loading)') && !/Loading…/.test(text) && text.trim().length > 20;
        }) && /ПарусГрупп/.test(document.querySelector('crm-client-timeline')?.shadowRoot?.textContent ?? ''),
      WIDGETS,
      { timeout: 60_000 },
    );
    for (const tag of WIDGETS) {
      const s = await page.evaluate((t) => {
        const el = document.querySelector(t)!;
        return { error: el.matches(':state(error)'), text: (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 300) };
      }, tag);
      assert.equal(s.error, false, `${tag} shows no error: ${s.text}`);
      assert.doesNotMatch(s.text, /No data source configured/, `${tag} got the provider's adapter`);
    }
    // The timeline names the mock company's records (its first company is ООО «ПарусГрупп»).
    const timelineText = await page.evaluate(() => document.querySelector('crm-client-timeline')!.shadowRoot!.textContent ?? '');
    assert.match(timelineText, /ПарусГрупп/);
    assert.deepEqual(errors, [], 'no errors on the page');
    assert.deepEqual([...origins], [server.origin], 'every request goes to the page origin only');
    // Only the loader's own folder was asked for besides the page itself.
    assert.ok(server.requested.filter((p) => p !== '/index.html').every((p) => p.startsWith('/crmkit/')), server.requested.join(', '));
    await page.close();
  });

  it('a widget outside any provider says no data source is configured', async () => {
    const { page, errors } = await open('/outside.html');
    await page.waitForFunction(() => /No data source configured/.test(document.querySelector('crm-forgotten-deals')?.shadowRoot?.textContent ?? ''), undefined, {
      timeout: 30_000,
    });
    const visible = await page.evaluate(() => {
      const el = document.querySelector('crm-forgotten-deals')!;
      const msg = [...el.shadowRoot!.querySelectorAll('[role="alert"]')].find((n) => /No data source configured/.test(n.textContent ?? ''));
      return msg ? (msg as HTMLElement).getBoundingClientRect().height > 0 : false;
    });
    assert.ok(visible, 'the message is visible, with role="alert"');
    // The widget logs the missing adapter once (a CrmError `invalid-input: no adapter`); nothing else.
    assert.deepEqual(errors.filter((e) => !/no adapter/.test(e)), []);
    await page.close();
  });
});
