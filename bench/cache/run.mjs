#!/usr/bin/env node
// Warm start of the cache in headless Debian Chromium: 50,000 deals and 200,000 activities are
// cached, then each layout is read back into records on a fresh page load. Compares crmkit's
// columnar layout with the naive ones (one IndexedDB record per row read with getAll; one array
// value per dataset), same data, same run. Prints `name: value unit` lines and ratios.
// Then (unless --skip-widget) bench/cache/warm-widget.mjs: <crm-client-base> from a reload to its
// first meaningful paint with the same amounts cached (median of 5); --skip-layouts runs only that.
//   node bench/cache/run.mjs [--deals 50000] [--activities 200000] [--runs 3] [--phases-only] [--skip-layouts] [--skip-widget]
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const DEALS = arg('deals', 50_000);
const ACTIVITIES = arg('activities', 200_000);
const RUNS = arg('runs', 3);
const ONLY = process.argv.includes('--phases-only');
const SKIP_LAYOUTS = process.argv.includes('--skip-layouts');
const SKIP_WIDGET = process.argv.includes('--skip-widget') || ONLY;

/** The widget's warm start, in its own browser (a child process, output passed through). */
async function widgetBench() {
  const { spawn } = await import('node:child_process');
  await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(here, 'warm-widget.mjs'), '--deals', String(DEALS), '--activities', String(ACTIVITIES), '--runs', '5'], { stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`warm-widget.mjs exited with ${code}`))));
  });
}
if (SKIP_LAYOUTS) {
  if (!SKIP_WIDGET) await widgetBench();
  process.exit(0);
}

const bundle = await build({
  entryPoints: [join(here, 'page.ts')],
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  write: false,
  conditions: ['crmkit-source'],
  logLevel: 'error',
});
const js = bundle.outputFiles[0].text;
const html = '<!doctype html><html lang="ru"><head><meta charset="utf-8"></head><body><script type="module" src="/page.js"></script></body></html>';

const server = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  if (path === '/page.js') {
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
    res.end(js);
  } else if (path === '/') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(html);
  } else {
    res.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const profile = mkdtempSync(join(tmpdir(), 'crmkit-bench-cache-'));
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  headless: true,
  protocolTimeout: 900_000,
  userDataDir: profile,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
});

async function visit(query) {
  const page = await browser.newPage();
  try {
    await page.goto(`${origin}/?${query}`, { waitUntil: 'load' });
    await page.waitForFunction('window.__result !== undefined', { timeout: 600_000, polling: 20 });
    const r = await page.evaluate('window.__result');
    if (r.error) throw new Error(`${query}: ${r.error}`);
    return r;
  } finally {
    await page.close();
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

try {
  const setup = await visit(`mode=setup&deals=${DEALS}&activities=${ACTIVITIES}`);
  console.log(`cache.setup.write-columnar: ${setup.writeColumnarMs.toFixed(0)} ms (${DEALS} deals + ${ACTIVITIES} activities, encode + put)`);
  const layouts = ONLY ? [] : ['columnar', 'columnar-columns', 'per-record-getAll', 'single-array'];
  if (ONLY) {
    for (let i = 0; i < RUNS; i++) console.log(JSON.stringify(await visit('mode=warm&layout=phases')));
    process.exit(0);
  }
  const results = {};
  // Interleaved, so a slow moment of the machine hits every layout alike.
  for (let run = 0; run < RUNS + 1; run++) {
    for (const layout of layouts) {
      const r = await visit(`mode=warm&layout=${layout}`);
      if (r.deals !== DEALS || r.activities !== ACTIVITIES) throw new Error(`${layout}: read ${r.deals} deals, ${r.activities} activities`);
      if (run === 0) continue; // first visit warms the browser's own caches
      (results[layout] ??= { data: [], nav: [] }).data.push(r.dataMs);
      results[layout].nav.push(r.sinceNavigationMs);
    }
  }
  const m = (layout) => median(results[layout].data);
  const ph = await visit('mode=warm&layout=phases');
  console.log(`# columnar phases: open ${ph.openMs.toFixed(1)} ms, IndexedDB read ${ph.readMs.toFixed(1)} ms, check ${ph.validateMs.toFixed(1)} ms, decode deals ${ph.decodeDealsMs.toFixed(1)} ms, decode activities ${ph.decodeActivitiesMs.toFixed(1)} ms`);
  console.log(`# warm start, median of ${RUNS} fresh page loads; data = from script start to decoded records; nav = from navigation start`);
  console.log('# columnar-columns = the same cache read to typed-array columns of the fields a first paint needs, no records');
  for (const layout of layouts) {
    console.log(`cache.warm.${layout}: ${m(layout).toFixed(1)} ms`);
    console.log(`cache.warm.${layout}.since-navigation: ${median(results[layout].nav).toFixed(1)} ms`);
  }
  console.log(`cache.warm.ratio.per-record-getAll/columnar: ${(m('per-record-getAll') / m('columnar')).toFixed(2)} x`);
  console.log(`cache.warm.ratio.single-array/columnar: ${(m('single-array') / m('columnar')).toFixed(2)} x`);
  console.log(`cache.warm.ratio.per-record-getAll/columnar-columns: ${(m('per-record-getAll') / m('columnar-columns')).toFixed(2)} x`);
  console.log(`cache.warm.ratio.single-array/columnar-columns: ${(m('single-array') / m('columnar-columns')).toFixed(2)} x`);
  for (const l of ['columnar', 'columnar-columns']) console.log(`cache.warm.target-200ms.${l}: ${m(l) <= 200 ? 'met' : 'missed'} (${m(l).toFixed(1)} ms of 200)`);
  console.log(`# machine load average while measuring: ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} cores`);
} finally {
  await browser.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
}
if (!SKIP_WIDGET) await widgetBench();
