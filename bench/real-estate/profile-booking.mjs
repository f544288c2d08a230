#!/usr/bin/env node
// Where the booking week's first render goes: one fresh page, a Chromium trace around
// `bookingCrmkit` (or `bookingEventCalendar` with --peer), main-thread time by event name and the
// top JS functions by self time. A developer tool, not part of `npm run bench`.
//   node bench/real-estate/profile-booking.mjs [--peer] [--repeat 3]
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const peer = process.argv.includes('--peer');
const repeatArg = process.argv.indexOf('--repeat');
const REPEAT = repeatArg > 0 ? Number(process.argv[repeatArg + 1]) : 1;

const bundle = await build({
  entryPoints: [join(here, 'page.ts')],
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: false,
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
  if (path === '/page.js') res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(js);
  else if (path === '/') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  else res.writeHead(404).end();
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  headless: true,
  protocolTimeout: 600_000,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--window-size=1400,1000', '--disable-dev-shm-usage'],
});
try {
  for (let i = 0; i < REPEAT; i++) {
    const page = await browser.newPage();
    await page.emulateTimezone('Europe/Moscow');
    await page.setViewport({ width: 1400, height: 1000 });
    await page.goto(origin, { waitUntil: 'load' });
    await page.waitForFunction('window.bench !== undefined');
    const name = peer ? 'bookingEventCalendar' : process.argv.includes('--all') ? 'bookingCrmkit' : 'bookingCrmkitRender';
    if (!process.argv.includes('--shot') && !process.argv.includes('--cold')) await page.evaluate(`window.bench.${name}()`); // warm-up on this page
    if (process.argv.includes('--marks')) {
      const out = await page.evaluate(`window.bench.${name}().then((r) => { const s = performance.getEntriesByName('bk-start').pop().startTime; return JSON.stringify(r) + ' ' + performance.getEntriesByType('mark').filter((m) => m.startTime >= s).map((m) => m.name + '@' + (m.startTime - s).toFixed(1)).join(' '); })`);
      console.log(out);
      await page.close();
      continue;
    }
    const shot = process.argv.indexOf('--shot');
    if (shot > 0) {
      await page.evaluate('window.bench.bookingCrmkitShow()');
      await new Promise((r) => setTimeout(r, 500));
      await page.screenshot({ path: process.argv[shot + 1] });
      await page.close();
      break;
    }
    if (process.argv.includes('--cpu')) {
      const cdp = await page.createCDPSession();
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
      const out = await page.evaluate(`window.bench.${name}()`);
      const { profile } = await cdp.send('Profiler.stop');
      await page.close();
      console.log(`# ${name} (CPU profile): ${JSON.stringify(out)}`);
      cpuSummary(profile);
      continue;
    }
    await page.tracing.start({ categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', ...(process.argv.includes('--js') ? ['disabled-by-default-v8.cpu_profiler'] : []), 'blink.user_timing'] });
    const out = await page.evaluate(`window.bench.${name}()`);
    const trace = JSON.parse(Buffer.from(await page.tracing.stop()).toString("utf8"));
    await page.close();
    console.log(`# ${name}: ${JSON.stringify(out)}`);
    summarize(trace.traceEvents);
  }
} finally {
  await browser.close();
  server.close();
}

function summarize(events) {
  // The renderer main thread: the thread with the most RunTask time.
  const byThread = new Map();
  for (const e of events) if (e.ph === 'X' && e.name === 'RunTask') byThread.set(`${e.pid}:${e.tid}`, (byThread.get(`${e.pid}:${e.tid}`) ?? 0) + e.dur);
  const main = [...byThread].sort((a, b) => b[1] - a[1])[0][0];
  let mine = events.filter((e) => `${e.pid}:${e.tid}` === main);
  const markAt = (n) => events.find((e) => e.name === n)?.ts;
  const [t0, t1] = [markAt('bk-start'), markAt('bk-end')];
  if (t0 && t1) {
    mine = mine.filter((e) => e.ts >= t0 && e.ts <= t1);
    console.log(`  window ${((t1 - t0) / 1000).toFixed(1)} ms; top-level tasks:`);
    const tasks = mine.filter((e) => e.name === 'RunTask' && e.dur > 2000);
    for (const task of tasks) {
      const kids = new Map();
      for (const e of mine) if (e !== task && e.ph === 'X' && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur && !/^(V8\.|RunTask|v8\.)/.test(e.name)) kids.set(e.name, (kids.get(e.name) ?? 0) + (e.tdur ?? e.dur));
      const k = [...kids].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([n, d]) => `${n} ${(d / 1000).toFixed(1)}`).join(', ');
      console.log(`   +${((task.ts - t0) / 1000).toFixed(1)} wall ${(task.dur / 1000).toFixed(1)} cpu ${((task.tdur ?? 0) / 1000).toFixed(1)} ms: ${k}`);
    }
  }
  const names = new Map();
  for (const e of mine) if (e.ph === 'X' && e.dur) names.set(e.name, (names.get(e.name) ?? 0) + (e.tdur ?? e.dur));
  const top = [...names].sort((a, b) => b[1] - a[1]).slice(0, 16);
  for (const [n, d] of top) console.log(`  ${n.padEnd(34)} ${(d / 1000).toFixed(1)} ms (thread time)`);
  if (!process.argv.includes('--js')) return;
  // CPU profile samples → self time per function.
  const nodes = new Map();
  const self = new Map();
  let lastTs;
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || String(e.pid) !== main.split(':')[0]) continue;
    const d = e.args.data;
    for (const n of d.cpuProfile?.nodes ?? []) nodes.set(n.id, n.callFrame);
    const samples = d.cpuProfile?.samples ?? [];
    const deltas = d.timeDeltas ?? [];
    for (let i = 0; i < samples.length; i++) {
      const f = nodes.get(samples[i]);
      const key = f ? `${f.functionName || '(anon)'} ${f.url ? f.url.split('/').pop() : ''}:${f.lineNumber}` : '?';
      self.set(key, (self.get(key) ?? 0) + (deltas[i] ?? 0));
    }
    lastTs = e.ts;
  }
  void lastTs;
  console.log('  -- JS self time --');
  for (const [n, d] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${n.padEnd(50)} ${(d / 1000).toFixed(1)} ms`);
}

/** Self and total time per function of a CDP CPU profile. */
function cpuSummary(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map();
  const total = new Map();
  const name = (n) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i + 1] ?? 0;
    let id = profile.samples[i];
    const n = byId.get(id);
    self.set(name(n), (self.get(name(n)) ?? 0) + dt);
    const seen = new Set();
    while (id !== undefined) {
      const k = name(byId.get(id));
      if (!seen.has(k)) (seen.add(k), total.set(k, (total.get(k) ?? 0) + dt));
      id = parent.get(id);
    }
  }
  console.log('  -- self --');
  for (const [n, d] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`  ${n.padEnd(60)} ${(d / 1000).toFixed(1)} ms`);
  console.log('  -- total --');
  for (const [n, d] of [...total].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`  ${n.padEnd(60)} ${(d / 1000).toFixed(1)} ms`);
}
