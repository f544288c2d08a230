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
    const r = await page.evaluate((s) => window.runBench(s), scale);
    const fmt = (n) => Math.round(n);
    console.log(`mock.${scale}.generate: ${fmt(r.generateMs)} ms`);
    console.log(`mock.${scale}.longest-block: ${fmt(Math.max(r.longestTaskMs, r.longestGapMs))} ms (long task ${fmt(r.longestTaskMs)} ms, heartbeat gap ${fmt(r.longestGapMs)} ms; target ≤ 200 ms)`);
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
