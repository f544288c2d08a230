#!/usr/bin/env node
// Mock CRM generation in headless Chromium: how long the large scale takes and the longest time
// the main thread was blocked meanwhile (target: never more than 200 ms at a time).
//   node bench/mock/run.mjs            # default and large
//   node bench/mock/run.mjs large
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

const here = fileURLToPath(new URL('.', import.meta.url));
const scales = process.argv.slice(2).filter((a) => ['small', 'default', 'large'].includes(a));
if (scales.length === 0) scales.push('default', 'large');
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
    await page.tracing.start({ categories: ['toplevel', 'blink.user_timing'] });
    const r = await page.evaluate((s) => window.runBench(s), scale);
    const trace = JSON.parse(new TextDecoder().decode(await page.tracing.stop()));
    const events = trace.traceEvents ?? trace;
    const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
    const mark = (name) => events.find((e) => e.name === name)?.ts;
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
      const top = events.filter((e) => e.ph === 'X' && mains.has(`${e.pid}:${e.tid}`) && /RunTask/.test(e.name) && inWindow(e)).sort((a, b) => (b.tdur ?? 0) - (a.tdur ?? 0)).slice(0, 6);
      for (const e of top) console.log('debug', e.name, Math.round(e.dur / 1000), Math.round((e.tdur ?? 0) / 1000), JSON.stringify(e.args).slice(0, 200));
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
} finally {
  await browser.close();
  server.close();
}
