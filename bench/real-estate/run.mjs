#!/usr/bin/env node
// Real estate in headless Debian Chromium, same data, same run:
//  1. <crm-shahmatka> of 7,200 apartments, first render (adapter answering from memory → laid-out
//     grid) against a plain <table> of the same cells built with DOM calls. Goal ≤ 1.5×.
//  2. <crm-booking-calendar>, a week of 50 resources × 7 days × 12 slots with 1,400 bookings:
//     render and re-render after a booking (`showBookings`, like the peer's `addEvent`; the whole
//     pick-check-write-show flow is printed too), against @event-calendar/core's resource timeline
//     (its own CSS included). Goal ≥ 5× faster. crmkit draws slot buttons for the rows in view
//     (the rest are summary rows until scrolled to); the all-rows render (as for print) is printed too.
// Each measurement on a fresh page; median of --runs (default 5) after one warm-up visit.
//   node bench/real-estate/run.mjs [--runs 5]
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;

const bundle = await build({
  entryPoints: [join(here, 'page.ts')],
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  write: false,
  conditions: ['crmkit-source', 'browser', 'production'],
  tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'error',
});
const js = bundle.outputFiles[0].text;
const ecCss = readFileSync(join(root, 'node_modules/@event-calendar/core/dist/index.css'), 'utf8');
const html = `<!doctype html><html lang="ru"><head><meta charset="utf-8"><style>${ecCss}</style></head><body><script type="module" src="/page.js"></script></body></html>`;

const server = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  if (path === '/page.js') {
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
    res.end(js);
  } else if (path === '/') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(html);
  } else res.writeHead(404).end();
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  headless: true,
  protocolTimeout: 600_000,
  dumpio: process.env.BENCH_DEBUG === '1',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--window-size=1400,1000', '--disable-dev-shm-usage'],
});

async function measure(name) {
  const page = await browser.newPage();
  // Both calendars show the CRM's zone: the peer through the page's zone, crmkit through the adapter's.
  await page.emulateTimezone('Europe/Moscow');
  await page.setViewport({ width: 1400, height: 1000 });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  try {
    await page.goto(origin, { waitUntil: 'load' });
    await page.waitForFunction('window.bench !== undefined', { timeout: 60_000 });
    return await page.evaluate(`window.bench.${name}()`);
  } catch (e) {
    throw new Error(`${name}: ${e}${errors.length ? `\n${errors.join('\n')}` : ''}`);
  } finally {
    await page.close();
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

try {
  const sh = { crmkit: [], table: [] };
  const bc = { render: [], rerender: [], flow: [], all: [] };
  const ec = { render: [], rerender: [] };
  let cells = 0;
  let slots = 0;
  let events = 0;
  let allSlots = 0;
  for (let run = 0; run < RUNS + 1; run++) {
    const a = await measure('shahmatka');
    const b = await measure('bookingCrmkit');
    const c = await measure('bookingEventCalendar');
    const all = await measure('bookingCrmkitAllRows');
    cells = a.cells;
    slots = b.slots;
    if (process.env.BENCH_DEBUG_ROWS === '1') console.log(`# run ${run}: crmkit render ${b.render.toFixed(1)} ms, ${b.slots} slots; re-render ${b.rerender.toFixed(1)} ms, ${b.slotsAfter} slots after`);
    events = c.events;
    if (run === 0) continue; // warm-up
    sh.crmkit.push(a.crmkit);
    sh.table.push(a.table);
    bc.render.push(b.render);
    bc.rerender.push(b.rerender);
    bc.flow.push(b.flow);
    bc.all.push(all.render);
    allSlots = all.slots;
    ec.render.push(c.render);
    ec.rerender.push(c.rerender);
  }
  const m = (xs) => median(xs);
  console.log(`# median of ${RUNS} fresh pages each; shahmatka: ${cells} cells; booking week: ${slots} slots, ${events} bookings drawn by the peer`);
  console.log(`real-estate.shahmatka.first-render: ${m(sh.crmkit).toFixed(1)} ms`);
  console.log(`real-estate.shahmatka.plain-table: ${m(sh.table).toFixed(1)} ms`);
  const ratio = m(sh.crmkit) / m(sh.table);
  console.log(`real-estate.shahmatka.ratio.crmkit/table: ${ratio.toFixed(2)} x (goal ≤ 1.5: ${ratio <= 1.5 ? 'met' : 'missed'})`);
  console.log(`real-estate.booking.crmkit.render: ${m(bc.render).toFixed(1)} ms (slot buttons drawn for the ${slots} slots of the rows in view; the other rows as per-day summaries until scrolled to)`);
  console.log(`real-estate.booking.crmkit.rerender-after-booking: ${m(bc.rerender).toFixed(1)} ms`);
  console.log(`real-estate.booking.crmkit.booking-flow: ${m(bc.flow).toFixed(1)} ms (pick a slot, check against re-read bookings, write, show)`);
  console.log(`real-estate.booking.event-calendar.render: ${m(ec.render).toFixed(1)} ms`);
  console.log(`real-estate.booking.event-calendar.rerender-after-booking: ${m(ec.rerender).toFixed(1)} ms`);
  console.log(`real-estate.booking.crmkit.render-all-rows: ${m(bc.all).toFixed(1)} ms (all ${allSlots} slot buttons drawn, as for print; info, ratio ${(m(ec.render) / m(bc.all)).toFixed(2)} x)`);
  const r1 = m(ec.render) / m(bc.render);
  const r2 = m(ec.rerender) / m(bc.rerender);
  console.log(`real-estate.booking.ratio.render.event-calendar/crmkit: ${r1.toFixed(2)} x (goal ≥ 5: ${r1 >= 5 ? 'met' : 'missed'})`);
  console.log(`real-estate.booking.ratio.rerender.event-calendar/crmkit: ${r2.toFixed(2)} x (goal ≥ 5: ${r2 >= 5 ? 'met' : 'missed'})`);
} finally {
  await browser.close();
  server.close();
}
