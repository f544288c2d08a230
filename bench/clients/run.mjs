#!/usr/bin/env node
// Client widgets, measured in headless Debian Chromium (puppeteer-core, /usr/bin/chromium):
// 1. <crm-client-timeline> with 10,000 events vs vis-timeline@8.5 (+ vis-data) rendering the
//    same events in the same run: time to first render and JS heap growth (after GC), each in
//    a fresh page; ratios printed.
// 2. Classification of the large mock scale's shape (50,000+ clients, 250,000 deals,
//    1,000,000 activities, 250,000 payments): packed in chunks on the main thread, classified
//    in the compute worker; prints the time and the longest main-thread task (longtask observer).
//    A Chromium trace of the main thread also gives the longest task's thread CPU time, so a
//    reader can tell a loaded machine (wall time inflated) from our code.
//    Our slices stay at about 8 ms of work plus one batch (≤ ~25 ms CPU seen, when a scavenge
//    lands in one). What can still exceed 50 ms is V8's major-GC atomic pause ("finalize
//    incremental marking"): the portal's ~1.5 M records fill ~280 MB, V8 sets the next limit
//    only ~15-20 MB above that, so the path's allocations (index, columns, rows) start a
//    marking cycle whose final pause (20-85 ms CPU measured) no JavaScript can slice. The
//    "major GCs" line shows when that happened. CLIENTS_BENCH_DEBUG=1 lists the long events.
//   node bench/clients/run.mjs [--events 10000] [--runs 3] [--skip-classify] [--skip-timeline]
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const N = arg('events', 10_000);
const RUNS = arg('runs', 3);
const skipClassify = process.argv.includes('--skip-classify');
const skipTimeline = process.argv.includes('--skip-timeline');

const dir = mkdtempSync(join(tmpdir(), 'crmkit-bench-clients-'));
const common = { bundle: true, splitting: true, format: 'esm', platform: 'browser', target: 'es2022', logLevel: 'error', conditions: ['crmkit-source', 'browser'], tsconfig: join(root, 'tsconfig.base.json') };
await build({ ...common, entryPoints: { crmkit: join(here, 'pages.ts'), vis: join(here, 'vis-page.ts'), 'compute.worker': join(root, 'packages/core/src/worker/compute.worker.ts') }, outdir: dir, define: { 'process.env.NODE_ENV': '"production"' } });
const visCss = join(root, 'node_modules/vis-timeline/styles/vis-timeline-graph2d.min.css');
writeFileSync(join(dir, 'crmkit.html'), '<!doctype html><html lang="ru"><body><script type="module" src="/crmkit.js"></script></body></html>');
writeFileSync(join(dir, 'vis.html'), `<!doctype html><html lang="ru"><head>${existsSync(visCss) ? '<link rel="stylesheet" href="/vis.min.css">' : ''}</head><body><script type="module" src="/vis.js"></script></body></html>`);
if (existsSync(visCss)) writeFileSync(join(dir, 'vis.min.css'), readFileSync(visCss));

const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
const server = createServer((req, res) => {
  const file = join(dir, decodeURIComponent(new URL(req.url, 'http://x').pathname));
  if (!file.startsWith(dir) || !existsSync(file)) return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--js-flags=--expose-gc'],
});

async function heap(page) {
  const cdp = await page.createCDPSession();
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

/** Main-thread tasks between two user-timing marks of a trace: wall time and thread CPU time. */
function mainThreadCost(trace, startMark, endMark) {
  const events = trace.traceEvents ?? trace;
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const from = events.find((e) => e.name === startMark)?.ts ?? 0;
  const to = events.find((e) => e.name === endMark)?.ts ?? Infinity;
  let cpu = 0;
  let longest = 0;
  // Debug: thread CPU by trace event name (nested events counted in each of their parents).
  const parts = {};
  for (const e of events) {
    if (e.ph !== 'X' || !mains.has(`${e.pid}:${e.tid}`) || e.ts < from || e.ts > to || /RunTask/.test(e.name)) continue;
    parts[e.name] = Math.round(((parts[e.name] ?? 0) + (e.tdur ?? 0) / 1000) * 10) / 10;
  }
  for (const e of events) {
    if (e.ph !== 'X' || !mains.has(`${e.pid}:${e.tid}`) || !/^(RunTask|ThreadControllerImpl::RunTask)$/.test(e.name)) continue;
    if (e.ts + (e.dur ?? 0) < from || e.ts > to) continue;
    cpu += (e.tdur ?? 0) / 1000;
    longest = Math.max(longest, (e.tdur ?? 0) / 1000);
  }
  return { cpu, longest, parts };
}

// Both pages: the input is built first (crmkit: the snapshot adapter holding the events; the
// peer: its item objects), then the heap is measured, then the render runs in its own task
// between the marks `bench-render-start` and `bench-render-end`. The time is from creating the
// widget to the first frame after its visible items are in the DOM; the heap growth is what the
// widget keeps (after a full GC), without its input.
async function measure(kind) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1200, height: 800 });
  await page.goto(`${base}/${kind}.html`);
  await page.waitForFunction(kind === 'crmkit' ? 'typeof window.benchCrmkit === "function"' : 'typeof window.benchVis === "function"');
  let ms;
  let before;
  if (kind === 'crmkit') {
    await page.evaluate((n) => window.benchCrmkitPrepare(n), N);
    before = await heap(page);
  } else {
    // The peer gets the events as plain objects; build them before measuring, in its page.
    await page.evaluate((n) => {
      window.__events = Array.from({ length: n }, (_, i) => ({ id: `big-${i}`, content: `Событие №${i + 1}`, start: Date.UTC(2024, 0, 11) - Math.floor((i / n) * 3 * 365 * 86_400_000) }));
    }, N);
    before = await heap(page);
  }
  // CLIENTS_BENCH_PROFILE=<file>: a V8 CPU profile of crmkit's first render (the last run's).
  const profile = kind === 'crmkit' && process.env.CLIENTS_BENCH_PROFILE ? await page.createCDPSession() : undefined;
  if (profile) {
    await profile.send('Profiler.enable');
    await profile.send('Profiler.setSamplingInterval', { interval: 100 });
    await profile.send('Profiler.start');
  } else {
    await page.tracing.start({ categories: ['toplevel', 'blink.user_timing', ...(process.env.CLIENTS_BENCH_DEBUG ? ['devtools.timeline', 'v8'] : [])] });
  }
  ms = kind === 'crmkit' ? await page.evaluate(() => window.benchCrmkit()) : await page.evaluate(() => window.benchVis(window.__events));
  let cost = { cpu: NaN, longest: NaN };
  if (profile) {
    const { profile: p } = await profile.send('Profiler.stop');
    writeFileSync(process.env.CLIENTS_BENCH_PROFILE, JSON.stringify(p));
    await profile.detach();
  } else {
    const trace = JSON.parse(new TextDecoder().decode(await page.tracing.stop()));
    cost = mainThreadCost(trace, 'bench-render-start', 'bench-render-end');
    if (process.env.CLIENTS_BENCH_DEBUG) console.log(`debug ${kind} render`, JSON.stringify(cost.parts));
  }
  const after = await heap(page);
  await page.close();
  return { ms, heap: after - before, cpu: cost.cpu, longest: cost.longest };
}

if (!skipTimeline) {
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const results = { crmkit: [], vis: [] };
  for (let r = 0; r < RUNS; r++) {
    results.crmkit.push(await measure('crmkit'));
    results.vis.push(await measure('vis'));
  }
  const pick = (list) => ({ ms: median(list.map((x) => x.ms)), heap: median(list.map((x) => x.heap)), cpu: median(list.map((x) => x.cpu)) });
  const ck = pick(results.crmkit);
  const vs = pick(results.vis);
  const mb = (b) => (b / 1024 / 1024).toFixed(1);
  const all = (list) => list.map((x) => x.ms.toFixed(0)).join(', ');
  console.log(`timeline ${N} events, first render (crmkit, incl. adapter load and timeline build): ${ck.ms.toFixed(0)} ms (median of ${RUNS}: ${all(results.crmkit)})`);
  console.log(`timeline ${N} events, first render (vis-timeline 8.5): ${vs.ms.toFixed(0)} ms (median of ${RUNS}: ${all(results.vis)})`);
  console.log(`timeline first render ratio (vis-timeline / crmkit): ${(vs.ms / ck.ms).toFixed(1)} x`);
  // Thread CPU time of the main thread over the same window: what the render costs, without
  // the waiting a loaded machine adds to wall time.
  console.log(`timeline ${N} events, first render main-thread CPU (crmkit): ${ck.cpu.toFixed(0)} ms; (vis-timeline 8.5): ${vs.cpu.toFixed(0)} ms; ratio ${(vs.cpu / ck.cpu).toFixed(1)} x`);
  console.log(`timeline ${N} events, heap growth (crmkit): ${mb(ck.heap)} MB`);
  console.log(`timeline ${N} events, heap growth (vis-timeline 8.5): ${mb(vs.heap)} MB`);
  console.log(`timeline heap ratio (crmkit / vis-timeline): ${(ck.heap / vs.heap).toFixed(2)}`);
  console.log(`timeline machine load average: ${(await import('node:os')).loadavg()[0].toFixed(1)} (on ${(await import('node:os')).cpus().length} cores)`);
}

if (!skipClassify) {
  const page = await browser.newPage();
  page.on('console', (m) => {
    if (/worker/i.test(m.text())) console.log(`page: ${m.text()}`);
  });
  await page.goto(`${base}/crmkit.html`);
  await page.waitForFunction('typeof window.benchClassify === "function"');
  await page.evaluate(() => {
    window.__longest = 0;
    window.__tasks = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        window.__tasks++;
        (window.__entries ??= []).push([Math.round(e.startTime), Math.round(e.duration)]);
        window.__longest = Math.max(window.__longest, e.duration);
      }
    }).observe({ type: 'longtask' });
  });
  // Building the synthetic portal is not part of the classification: done first, then the
  // observer's record is reset once its long task has been reported.
  // A full GC then settles the portal's millions of fresh objects (in the widget the records
  // arrive over seconds of loading, not in one burst just before classifying): the GC work the
  // classification itself causes is measured, not the prepare step's left-over marking.
  const shape = await page.evaluate(() => window.benchPrepare());
  await new Promise((r) => setTimeout(r, 300));
  {
    const cdp = await page.createCDPSession();
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.detach();
  }
  await new Promise((r) => setTimeout(r, 300));
  await page.evaluate(() => {
    window.__longest = 0;
    window.__tasks = 0;
  });
  // A trace of the main thread's tasks: wall time (what the user waits) and thread CPU time
  // (what the code costs; on a machine shared with other jobs, wall time inflates).
  await page.tracing.start({ categories: ['toplevel', 'blink.user_timing', 'devtools.timeline', 'v8', ...(process.env.CLIENTS_BENCH_DEBUG ? ['disabled-by-default-v8.gc'] : [])] });
  const out = await page.evaluate(() => window.benchClassify());
  await new Promise((r) => setTimeout(r, 300));
  const trace = JSON.parse(new TextDecoder().decode(await page.tracing.stop()));
  const blocks = await page.evaluate(() => ({ longest: window.__longest, tasks: window.__tasks, entries: window.__entries }));
  if (process.env.CLIENTS_BENCH_DEBUG) console.log('debug longtasks', JSON.stringify(blocks.entries), 'start', out.t0);
  const events = trace.traceEvents ?? trace;
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const mark = (name) => events.find((e) => e.name === name)?.ts;
  const from = mark('clients-classify-start') ?? 0;
  const to = mark('clients-classify-end') ?? Infinity;
  // Top-level work on the main thread: tasks, and the microtask checkpoints where the
  // `scheduler.yield()` continuations (our slices) run.
  const tasks = events.filter((e) => e.ph === 'X' && mains.has(`${e.pid}:${e.tid}`) && /RunTask|PerformMicrotaskCheckpoint/.test(e.name) && e.ts + (e.dur ?? 0) >= from && e.ts <= to);
  const longestWall = tasks.reduce((a, e) => (e.dur > (a?.dur ?? -1) ? e : a), undefined);
  const longestCpu = tasks.reduce((a, e) => ((e.tdur ?? 0) > (a?.tdur ?? -1) ? e : a), undefined);
  const cpuMs = tasks.reduce((a, e) => a + (e.tdur ?? 0), 0) / 1000;
  const gcs = events.filter((e) => e.ph === 'X' && mains.has(`${e.pid}:${e.tid}`) && e.name === 'MajorGC' && e.ts + (e.dur ?? 0) >= from && e.ts <= to);
  const gcLongest = gcs.reduce((a, e) => Math.max(a, e.dur ?? 0), 0) / 1000;
  if (process.env.CLIENTS_BENCH_DEBUG) {
    const longX = events.filter((e) => e.ph === 'X' && mains.has(`${e.pid}:${e.tid}`) && e.dur > 15_000 && e.ts + e.dur >= from && e.ts <= to);
    for (const e of longX.slice(0, 40)) console.log('debug long event', e.name, Math.round((e.ts - from) / 1000), Math.round(e.dur / 1000), 'cpu', Math.round((e.tdur ?? 0) / 1000));
    for (const e of events.filter((e) => /IncrementalMarkingStart|MarkingStart/.test(e.name))) console.log('debug marking start', Math.round((e.ts - from) / 1000), JSON.stringify(e.args).slice(0, 300));
    for (const e of gcs) console.log('debug major gc wall', Math.round(e.dur / 1000), 'cpu', Math.round((e.tdur ?? 0) / 1000), JSON.stringify(e.args).slice(0, 200));
    for (const e of [...tasks].sort((a, b) => b.dur - a.dur).slice(0, 8)) console.log('debug task wall', Math.round(e.dur / 1000), 'cpu', Math.round((e.tdur ?? 0) / 1000), e.name, JSON.stringify(e.args).slice(0, 160));
  }
  const out2 = { ...out, ...shape };
  console.log(`classification: ${out.counts.clients} clients (${out2.clients} records), ${out2.deals} deals, ${out2.activities} activities, ${out2.payments} payments`);
  console.log(`classification large scale (index, pack and rows in slices + worker): ${out.ms.toFixed(0)} ms`);
  console.log(`classification longest main-thread block: ${blocks.longest.toFixed(0)} ms (${blocks.tasks} tasks over 50 ms; target < 50 ms)`);
  console.log(`classification longest main-thread task or slice (trace): ${((longestWall?.dur ?? 0) / 1000).toFixed(0)} ms wall, ${((longestWall?.tdur ?? 0) / 1000).toFixed(0)} ms thread CPU`);
  console.log(`classification most CPU in one main-thread task or slice (trace): ${((longestCpu?.tdur ?? 0) / 1000).toFixed(0)} ms thread CPU (its wall time ${((longestCpu?.dur ?? 0) / 1000).toFixed(0)} ms; ${tasks.length} tasks and slices, ${cpuMs.toFixed(0)} ms main-thread CPU in all)`);
  const over = tasks.filter((e) => e.dur > 50_000);
  console.log(`classification trace tasks/slices over 50 ms wall: ${over.length}, of them over 50 ms thread CPU: ${over.filter((e) => (e.tdur ?? 0) > 50_000).length} (the rest: the thread waited for a CPU)`);
  console.log(`classification major GCs on the main thread: ${gcs.length} (longest ${gcLongest.toFixed(0)} ms wall)`);
  console.log(`classification rows: ${out.rows} (${out.forgotten} forgotten)`);
  console.log(`classification classes: ${JSON.stringify(out.counts)}`);
  console.log(`machine load average: ${(await import('node:os')).loadavg()[0].toFixed(1)} (on ${(await import('node:os')).cpus().length} cores)`);
  await page.close();
}
await browser.close();
server.close();
