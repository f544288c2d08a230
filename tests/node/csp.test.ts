/**
 * CSP and Trusted Types: the built demo works under
 * `default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self' <CRM origin>;
 * require-trusted-types-for 'script'` with no violation reported, every widget rendered.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { DEMO_WIDGETS } from '../../demo/widget-list.js';
import { serveStatic, type StaticServer } from '../support/static-server.js';

const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export function policy(crmOrigin = ''): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src 'self'${crmOrigin ? ` ${crmOrigin}` : ''}`,
    "img-src 'self' data:",
    "require-trusted-types-for 'script'",
  ].join('; ');
}

let outDir: string;
let server: StaticServer;
let browser: Browser;

before(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'crmkit-demo-'));
  await build({ configFile: 'vite.config.ts', logLevel: 'error', build: { outDir, emptyOutDir: true } });
  server = await serveStatic(outDir, { 'Content-Security-Policy': policy() });
  browser = await chromium.launch({ executablePath: CHROME, args: ARGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(outDir, { recursive: true, force: true });
});

describe('Content-Security-Policy with Trusted Types', { timeout: 180_000 }, () => {
  it('the built demo renders every widget with no violation', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const violations: string[] = [];
    await page.exposeFunction('__cspViolation', (text: string) => violations.push(text));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { __cspViolation(t: string): void }).__cspViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
      });
    });
    page.on('console', (m) => {
      if (/Content Security Policy|TrustedHTML|TrustedScript|Trusted Type/i.test(m.text())) violations.push(m.text());
    });
    page.on('pageerror', (e) => violations.push(`pageerror: ${e.message}`));
    await page.goto(`${server.origin}/?scale=small`);
    await page.waitForFunction(
      (tags: string[]) =>
        tags.every((tag) => {
          const el = document.querySelector(tag);
          return el !== null && !el.matches(':state(loading)') && (el.shadowRoot?.textContent ?? '').trim().length > 0;
        }),
      DEMO_WIDGETS.map((w) => w.tag),
      { timeout: 120_000 },
    );
    // Open what uses the riskiest APIs: the price-history chart (canvas) and a hover card (Floating UI).
    await page.evaluate(() => {
      const chess = document.querySelector('crm-shahmatka');
      const cell = chess?.shadowRoot?.querySelector<HTMLElement>('[role=gridcell]');
      cell?.click();
    });
    await page.waitForTimeout(1500);
    for (const w of DEMO_WIDGETS) {
      const failed = await page.evaluate((t) => document.querySelector(t)?.matches(':state(error)') ?? true, w.tag);
      assert.equal(failed, false, `${w.tag} renders`);
    }
    assert.deepEqual(violations, [], 'no CSP or Trusted Types violation');
    await page.close();
  });
});
