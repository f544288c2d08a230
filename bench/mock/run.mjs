#!/usr/bin/env node
// Mock CRM generation in headless Chromium: how long the large scale takes and the longest time
// the main thread was blocked meanwhile (target: never more than 200 ms at a time).
// Then the demo's first page (the production build, default scale, every widget): the longest
// main-thread task from navigation until every widget has shown its data.
//   node bench/mock/run.mjs            # default and large, then the demo's first page
//   node bench/mock/run.mjs large      # only these scales (add `demo` for the demo page)
//   node bench/mock/run.mjs demo       # only the demo's first page
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

const here = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
const scales = args.filter((a) => ['small', 'default', 'large'].includes(a));
const withDemo = args.length === 0 || args.includes('demo');
if (args.length === 0) scales.push('default', 'large');
const [load1] = (await import('node:os')).loadavg();
console.log(`mock.machine.load-average: ${load1.toFixed(1)} (on ${(await import('node:os')).cpus().length} cores; wall-clock figures inflate under load)`);

const bundle = await build({
  entryPoints: [`${here}page.ts`],
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  write: false,
  conditions: ['crmkit-source'],
});
const js = bundle.outputFiles[0].text;
const html = '<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>mock bench</title></head><body><script type="module" src="/page.js"></script></body></html>';
const server = createServer((req, res) => {
  if (req.url === '/page.js') {
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
    res.end(js);
  } else {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const { port } = server.address();

const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--enable-precise-memory-info',
    '--js-flags=--max-old-space-size=4096',
  ],
});
try {
  for (const scale of scales) {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => typeof window.runBench === 'function');
    // A trace of the main thread's tasks: wall time (what the user waits) and thread CPU time
    // (what the code costs; on a machine shared with other jobs wall time inflates).
    await page.tracing.start({ categories: ['toplevel', 'blink.user_timing', ...(process.env.MOCK_BENCH_DEBUG ? ['v8', 'devtools.timeline'] : [])] });
    const r = await page.evaluate((s) => window.runBench(s), scale);
    const trace = JSON.parse(new TextDecoder().decode(await page.tracing.stop()));
    const events = trace.traceEvents ?? trace;
    const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
    const mark = (name) => events.find((e) => e.name === name)?.ts;
    // Only the bench page's renderer (the trace also holds other renderers' threads).
    const pagePid = events.find((e) => e.name === 'mock-bench-start')?.pid;
    for (const m of [...mains]) if (pagePid !== undefined && !m.startsWith(`${pagePid}:`)) mains.delete(m);
    const from = mark('mock-bench-start') ?? 0;
    const to = mark('mock-bench-end') ?? Infinity;
    // Tasks of the generation: from the task that starts it to the one that ends it.
    const inWindow = (e) => e.ts + (e.dur ?? 0) >= from && e.ts <= to;
    let taskWall = 0;
    let taskCpu = 0;
    for (const e of events) {
      if (e.ph !== 'X' || !mains.has(`${e.pid}:${e.tid}`) || !/RunTask/.test(e.name) || !inWindow(e)) continue;
      taskWall = Math.max(taskWall, (e.dur ?? 0) / 1000);
      taskCpu = Math.max(taskCpu, (e.tdur ?? 0) / 1000);
    }
    if (process.env.MOCK_BENCH_DEBUG) {
      console.log('debug window', from, to, 'main threads', [...mains].join(' '));
      const top = events.filter((e) => e.ph === 'X' && mains.has(`${e.pid}:${e.tid}`) && /RunTask/.test(e.name) && inWindow(e)).sort((a, b) => (b.tdur ?? 0) - (a.tdur ?? 0)).slice(0, 6);
      for (const e of top) {
        // What ran inside: GC phases and script, with their thread CPU time.
        const inner = events
          .filter((x) => x.ph === 'X' && x.pid === e.pid && x.tid === e.tid && x !== e && x.ts >= e.ts && x.ts <= e.ts + e.dur && (x.tdur ?? 0) > 3_000 && !/^V8\.GC_|^ThreadController/.test(x.name))
          .map((x) => `${x.name}${x.args?.data?.url ? `(${String(x.args.data.url).split('/').pop()})` : ''} ${Math.round(x.tdur / 1000)}`)
          .slice(0, 10);
        console.log('debug task wall', Math.round(e.dur / 1000), 'cpu', Math.round((e.tdur ?? 0) / 1000), 'at', Math.round((e.ts - from) / 1000), `${e.pid}:${e.tid}`, inner.join(' | '));
      }
    }
    const fmt = (n) => Math.round(n);
    console.log(`mock.${scale}.generate: ${fmt(r.generateMs)} ms`);
    console.log(`mock.${scale}.longest-block: ${fmt(Math.max(r.longestTaskMs, r.longestGapMs))} ms (long task ${fmt(r.longestTaskMs)} ms, heartbeat gap ${fmt(r.longestGapMs)} ms; target ≤ 200 ms)`);
    console.log(`mock.${scale}.longest-task-cpu: ${fmt(taskCpu)} ms (thread CPU time of the longest main-thread task; its wall time ${fmt(taskWall)} ms)`);
    if (r.heapMb !== undefined) console.log(`mock.${scale}.heap: ${fmt(r.heapMb)} MB`);
    console.log(
      `mock.${scale}.counts: ${['contact', 'company', 'deal', 'stageMove', 'invoice', 'payment', 'activity', 'lead', 'employee', 'apartment', 'booking']
        .map((k) => `${k} ${r.counts[k]}`)
        .join(', ')}`,
    );
    await page.close();
  }
  if (withDemo) await demoFirstPage();
} finally {
  await browser.close();
  server.close();
}

/** Main-thread tasks of a trace from `from` (µs) on: the longest by wall and by thread CPU. */
function longestTasks(events, from = 0, pid = undefined) {
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && (pid === undefined || e.pid === pid)).map((e) => `${e.pid}:${e.tid}`));
  const tasks = events.filter((e) => e.ph === 'X' && mains.has(`${e.pid}:${e.tid}`) && /^(RunTask|ThreadControllerImpl::RunTask)$/.test(e.name) && e.ts >= from);
  const byWall = tasks.reduce((a, e) => ((e.dur ?? 0) > (a?.dur ?? -1) ? e : a), undefined);
  const byCpu = tasks.reduce((a, e) => ((e.tdur ?? 0) > (a?.tdur ?? -1) ? e : a), undefined);
  return { tasks, byWall, byCpu };
}

/**
 * The demo as `npm run build:demo` builds it (Vite, production), served statically, opened at
 * its bare address (mock CRM, default scale, every widget). Traced from navigation until every
 * widget's shadow root shows no progress for a second (or 120 s).
 */
async function demoFirstPage() {
  const root = join(here, '../..');
  const out = mkdtempSync(join(tmpdir(), 'crmkit-bench-demo-'));
  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: join(root, 'vite.config.ts'), root: join(root, 'demo'), logLevel: 'error', build: { outDir: out, emptyOutDir: true } });
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
  const demoServer = createServer((req, res) => {
    let file = join(out, decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (file.endsWith('/')) file = join(file, 'index.html');
    if (!file.startsWith(out) || !existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise((r) => demoServer.listen(0, '127.0.0.1', r));
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  try {
    await page.tracing.start({ categories: ['toplevel', 'blink.user_timing', 'devtools.timeline'] });
    // MOCK_BENCH_PROFILE=<file>: a V8 CPU profile of the demo's load as well.
    const profiler = process.env.MOCK_BENCH_PROFILE ? await page.createCDPSession() : undefined;
    if (profiler) {
      await profiler.send('Profiler.enable');
      await profiler.send('Profiler.start');
    }
    const t0 = Date.now();
    await page.goto(`http://127.0.0.1:${demoServer.address().port}/`, { waitUntil: 'load' });
    // Ready: the widget grid is there and no widget shows progress, for a whole second.
    const ready = await page.evaluate(async () => {
      const start = performance.now();
      let quietSince;
      for (;;) {
        await new Promise((r) => setTimeout(r, 100));
        const cards = [...document.querySelectorAll('.demo-card')];
        const widgets = cards.map((c) => c.querySelector('h2 + *')).filter((w) => w?.shadowRoot);
        const busy = !document.querySelector('main.demo-grid') || widgets.some((w) => w.shadowRoot.querySelector('[part~="loading"]'));
        const now = performance.now();
        if (busy) quietSince = undefined;
        else quietSince ??= now;
        if (quietSince !== undefined && now - quietSince >= 1000) performance.mark('demo-bench-ready');
        if (quietSince !== undefined && now - quietSince >= 1000) return { ms: quietSince, widgets: widgets.length, timedOut: false };
        if (now - start > 120_000) return { ms: now, widgets: widgets.length, timedOut: true };
      }
    });
    const trace = JSON.parse(new TextDecoder().decode(await page.tracing.stop()));
    if (profiler) {
      const { profile } = await profiler.send('Profiler.stop');
      const fs = await import('node:fs');
      fs.writeFileSync(process.env.MOCK_BENCH_PROFILE, JSON.stringify(profile));
      fs.writeFileSync(`${process.env.MOCK_BENCH_PROFILE}.trace.json`, JSON.stringify(trace));
    }
    const events = trace.traceEvents ?? trace;
    const pagePid = events.find((e) => e.name === 'demo-bench-ready')?.pid;
    const nav = events.find((e) => e.name === 'navigationStart' && (pagePid === undefined || e.pid === pagePid))?.ts ?? 0;
    const { tasks, byWall, byCpu } = longestTasks(events, nav, pagePid);
    const over = tasks.filter((e) => e.dur > 200_000);
    const fmt = (us) => Math.round((us ?? 0) / 1000);
    console.log(`mock.demo-first-page.ready: ${Math.round(ready.ms)} ms (${ready.widgets} widgets${ready.timedOut ? ', TIMED OUT' : ''}; wall ${Date.now() - t0} ms incl. tracing)`);
    console.log(`mock.demo-first-page.longest-task: ${fmt(byWall?.dur)} ms wall (its thread CPU ${fmt(byWall?.tdur)} ms; target ≤ 200 ms)`);
    console.log(`mock.demo-first-page.longest-task-cpu: ${fmt(byCpu?.tdur)} ms thread CPU (its wall time ${fmt(byCpu?.dur)} ms)`);
    console.log(`mock.demo-first-page.tasks-over-200ms: ${over.length} by wall, ${over.filter((e) => (e.tdur ?? 0) > 200_000).length} of them over 200 ms thread CPU (${tasks.length} tasks)`);
    if (process.env.MOCK_BENCH_DEBUG) {
      const mains = new Set(tasks.map((e) => `${e.pid}:${e.tid}`));
      for (const e of [...tasks].sort((a, b) => (b.tdur ?? 0) - (a.tdur ?? 0)).slice(0, 6)) {
        const inner = events
          .filter((x) => x.ph === 'X' && mains.has(`${x.pid}:${x.tid}`) && x.ts >= e.ts && x.ts <= e.ts + e.dur && x !== e && (x.tdur ?? 0) > 5_000)
          .map((x) => `${x.name}${x.args?.data?.functionName ? `(${x.args.data.functionName} ${String(x.args.data.url ?? '').split('/').pop()}:${x.args.data.lineNumber})` : x.args?.data?.url ? `(${String(x.args.data.url).split('/').pop()})` : ''} ${fmt(x.tdur)}`)
          .slice(0, 8);
        console.log('debug demo task', fmt(e.dur), 'cpu', fmt(e.tdur), 'at', fmt(e.ts - nav), inner.join(' | '));
      }
    }
  } finally {
    await page.close();
    demoServer.close();
  }
}
