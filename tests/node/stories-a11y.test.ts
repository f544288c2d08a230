/**
 * Accessibility of every Storybook state of every widget: the static Storybook is built, each
 * story is opened in Chromium (Russian and light; the default stories also in English and dark)
 * and axe runs over the page, shadow roots included. No serious or critical violation is allowed.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { serveStatic, type StaticServer } from '../support/static-server.js';

const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const AXE = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');

interface Story {
  readonly id: string;
  readonly title: string;
  readonly name: string;
}

let outDir: string;
let server: StaticServer;
let browser: Browser;
let stories: Story[] = [];

before(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'crmkit-storybook-'));
  execFileSync('npx', ['storybook', 'build', '-o', outDir, '--quiet', '--disable-telemetry'], { stdio: 'ignore' });
  const index = JSON.parse(readFileSync(join(outDir, 'index.json'), 'utf8')) as { entries: Record<string, Story & { type: string }> };
  // LargePortal stories generate the large mock CRM (a million activities) in the page: the same
  // templates as Default, checked by bench/ for speed, too slow to open sixty times here.
  stories = Object.values(index.entries).filter((e) => e.type === 'story' && !/theming/i.test(e.title) && !/large/i.test(e.name));
  server = await serveStatic(outDir);
  browser = await chromium.launch({ executablePath: CHROME, args: ARGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

type Page = Awaited<ReturnType<Browser['newPage']>>;

/** A page with Storybook's preview loaded once; stories are then switched through its channel. */
async function previewPage(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  await page.goto(`${server.origin}/iframe.html?id=${stories[0]?.id}&viewMode=story`);
  await page.waitForFunction(() => (window as unknown as { __STORYBOOK_ADDONS_CHANNEL__?: unknown }).__STORYBOOK_ADDONS_CHANNEL__ !== undefined);
  await page.addScriptTag({ content: AXE });
  return page;
}

async function violations(page: Page, story: Story, globals: { lang: string; theme: string }): Promise<string[]> {
  await page.evaluate(
    ({ id, g }) =>
      new Promise<void>((resolve) => {
        const channel = (window as unknown as { __STORYBOOK_ADDONS_CHANNEL__: { emit(e: string, a: unknown): void; once(e: string, f: () => void): void } }).__STORYBOOK_ADDONS_CHANNEL__;
        channel.once('storyRendered', () => resolve());
        channel.emit('updateGlobals', { globals: g });
        channel.emit('setCurrentStory', { storyId: id, viewMode: 'story' });
      }),
    { id: story.id, g: globals },
  );
  const loadingStory = /loading/i.test(story.name);
  await page.waitForFunction(
    (loading: boolean) => {
      const els = [...document.querySelectorAll('#storybook-root *')].filter((e) => e.localName.startsWith('crm-'));
      if (els.length === 0) return false;
      return els.every((e) => (e.shadowRoot?.textContent ?? '').trim().length > 0 && (loading || !e.matches(':state(loading)')));
    },
    loadingStory,
    { timeout: 60_000 },
  );
  await page.waitForTimeout(100);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: unknown }[] }[] }> } }).axe;
    const r = await axe.run('#storybook-root', { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id} at ${JSON.stringify(v.nodes[0]?.target)}`);
  });
}

describe('axe in every Storybook state', { timeout: 600_000 }, () => {
  test('no serious or critical violation in any story (ru/light), nor in the default stories (en/dark)', async () => {
    assert.ok(stories.length >= 30, `found ${stories.length} stories`);
    // IDREFs such as aria-controls cannot cross a shadow root, so they are not used across elements.
    const runs: { story: Story; globals: { lang: string; theme: string }; label: string }[] = [];
    for (const story of stories) {
      runs.push({ story, globals: { lang: 'ru', theme: 'light' }, label: 'ru, light' });
      if (/default/i.test(story.name)) runs.push({ story, globals: { lang: 'en', theme: 'dark' }, label: 'en, dark' });
    }
    const problems: string[] = [];
    // Two preview pages at a time, each switching stories in place (a page load costs seconds).
    let next = 0;
    const worker = async () => {
      const page = await previewPage();
      while (next < runs.length) {
        const run = runs[next++] as (typeof runs)[number];
        const t0 = Date.now();
        for (const v of await violations(page, run.story, run.globals)) problems.push(`${run.story.id} (${run.label}): ${v}`);
        if (process.env.CRMKIT_DEBUG) console.log(`${run.story.id}: ${Date.now() - t0} ms`);
      }
      await page.close();
    };
    await Promise.all([worker(), worker()]);
    console.log(`stories-a11y: ${runs.length} story renders checked with axe, ${problems.length} serious or critical violations`);
    assert.deepEqual(problems, []);
  });
});
