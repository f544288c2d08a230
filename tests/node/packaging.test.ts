/**
 * Every package installs and works from its published form. After one build, each workspace
 * package is packed (`npm pack`) and the example apps in tests/packaging/apps/ (plain Vite,
 * React 19, Vue 3) are copied to a temp folder OUTSIDE the workspace, their `@crmkit/*`
 * dependencies pointed at the tarballs. Each app gets one `npm install` (npm's cache; the three
 * run at once), is type-checked (`tsc` / `vue-tsc`, with the typings generated from the
 * manifest), built with `vite build`, served by a bare static server and opened in Chromium:
 * the widgets show mock data and a `crm-record-open` listener receives the event of a click.
 * This catches missing files, wrong `exports`, wrong `"sideEffects"` and missing types.
 * Finally `npm publish --dry-run` must pass for every package.
 *
 * Set CRMKIT_SKIP_PACKAGING=1 to skip (e.g. offline with an empty npm cache).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { CHROME, CHROME_ARGS, serveStatic } from '../packaging/static-server.js';

const ROOT = resolve('.');
const PACKAGES = ['core', 'adapter-mock', 'adapter-bitrix24', 'adapter-1c', 'widgets'];
const APPS = [
  { name: 'plain', typecheck: ['node_modules/typescript/bin/tsc', '--noEmit'] },
  { name: 'react', typecheck: ['node_modules/typescript/bin/tsc', '--noEmit'] },
  { name: 'vue', typecheck: ['node_modules/vue-tsc/bin/vue-tsc.js', '--noEmit'] },
];
const VITE_BUILD = ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'error'];
const skip = process.env.CRMKIT_SKIP_PACKAGING === '1';

let work: string;
let browser: Browser | undefined;
const timings: Record<string, number> = {};
const tarballs: Record<string, string> = {};
/** Outcome of each app's type check and build, run two at a time in before(). */
const checks = new Map<string, Promise<void>>();

/** Runs `jobs` with at most `limit` at once; each job's promise is stored under its key. */
function pool(jobs: [string, () => Promise<void>][], limit: number): void {
  const queue = [...jobs];
  const gates: Promise<void>[] = [];
  const next = (): Promise<void> => {
    const job = queue.shift();
    if (!job) return Promise.resolve();
    const [key, run] = job;
    const t0 = performance.now();
    const p = run().finally(() => (timings[key] = Math.round(performance.now() - t0)));
    checks.set(key, p);
    return p.then(next, next);
  };
  for (let i = 0; i < limit; i++) gates.push(next());
  void Promise.all(gates);
}

function timed<T>(label: string, f: () => T): T {
  const t0 = performance.now();
  try {
    return f();
  } finally {
    timings[label] = Math.round(performance.now() - t0);
  }
}

function sh(cmd: string, args: string[], cwd: string, label: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, npm_config_update_notifier: 'false' } });
  assert.equal(r.status, 0, `${label} failed (${cmd} ${args.join(' ')} in ${cwd}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** Runs a command without blocking the event loop, so several installs proceed at once. */
function shAsync(cmd: string, args: string[], cwd: string, label: string): Promise<void> {
  return new Promise((res, rej) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, npm_config_update_notifier: 'false' } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => (code === 0 ? res() : rej(new Error(`${label} failed (${cmd} ${args.join(' ')} in ${cwd}):\n${out}`))));
  });
}

async function waitFor(key: string): Promise<void> {
  // The pool starts jobs lazily; wait until this one has started, then for its outcome.
  while (!checks.has(key)) await new Promise((r) => setTimeout(r, 100));
  await checks.get(key);
}

before(async () => {
  if (skip) return;
  work = mkdtempSync(join(tmpdir(), 'crmkit-packaging-'));
  // One build of every package (tsc to dist/, manifests, framework typings); no demo, no bundle.
  timed('build', () => sh('node', ['scripts/build.mjs', '--no-demo', '--no-bundle'], ROOT, 'build'));
  mkdirSync(join(work, 'tarballs'));
  const packed = timed('npm pack', () =>
    sh('npm', ['pack', '--json', '--pack-destination', join(work, 'tarballs'), ...PACKAGES.flatMap((p) => ['-w', `@crmkit/${p}`])], ROOT, 'npm pack'),
  );
  for (const p of JSON.parse(packed.slice(packed.indexOf('['))) as { name: string; filename: string }[]) tarballs[p.name] = join(work, 'tarballs', p.filename);
  // Each app as a developer would have it, outside the workspace, depending on the tarballs.
  for (const app of APPS) {
    const dir = join(work, app.name);
    cpSync(join(ROOT, 'tests/packaging/apps', app.name), dir, { recursive: true });
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; overrides?: Record<string, string> };
    for (const name of Object.keys(pkg.dependencies)) {
      if (name.startsWith('@crmkit/')) {
        assert.ok(tarballs[name], `a tarball for ${name}`);
        pkg.dependencies[name] = `file:${tarballs[name]}`;
      }
    }
    // The packages depend on `@crmkit/core@0.1.0`: take it from the tarball, not the registry.
    pkg.overrides = { '@crmkit/core': '$@crmkit/core' };
    writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
  }
  const t0 = performance.now();
  await Promise.all(APPS.map((app) => shAsync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], join(work, app.name), `npm install (${app.name})`)));
  timings['npm install (3 apps at once)'] = Math.round(performance.now() - t0);
  // Type checks and builds of the three apps, two processes at a time (2 cores in CI).
  pool(
    APPS.flatMap((app): [string, () => Promise<void>][] => [
      [`typecheck ${app.name}`, () => shAsync('node', app.typecheck, join(work, app.name), `typecheck ${app.name}`)],
      [`vite build ${app.name}`, () => shAsync('node', VITE_BUILD, join(work, app.name), `vite build ${app.name}`)],
    ]),
    2,
  );
  for (const p of [...checks.values()]) p.catch(() => undefined); // reported by the tests below
  browser = await chromium.launch({ executablePath: CHROME, args: CHROME_ARGS });
});

after(async () => {
  await browser?.close();
  if (work) rmSync(work, { recursive: true, force: true });
  if (Object.keys(timings).length) console.log(`packaging timings (ms): ${JSON.stringify(timings)}`);
});

describe('packages from their tarballs', { skip, timeout: 420_000 }, () => {
  it('each tarball carries its entry points, types, README, manifest and side-effect modules', () => {
    const list = (name: string) => sh('tar', ['-tzf', tarballs[name]!], ROOT, `tar ${name}`).split('\n').map((l) => l.replace(/^package\//, ''));
    for (const p of PACKAGES) {
      const files = new Set(list(`@crmkit/${p}`));
      for (const f of ['package.json', 'README.md', 'CHANGELOG.md', 'dist/index.js', 'dist/index.d.ts']) assert.ok(files.has(f), `@crmkit/${p} has ${f}`);
      assert.ok(![...files].some((f) => f.endsWith('.test.ts') || f.endsWith('.test.js')), `@crmkit/${p} ships no tests`);
      if (p.startsWith('adapter-')) assert.ok(files.has('dist/register.js'), `@crmkit/${p} has dist/register.js`);
    }
    const widgets = new Set(list('@crmkit/widgets'));
    for (const f of ['custom-elements.json', 'dist/react.d.ts', 'dist/vue.d.ts', 'dist/all.js', 'dist/client-timeline/crm-client-timeline.js']) assert.ok(widgets.has(f), `@crmkit/widgets has ${f}`);
    assert.ok(new Set(list('@crmkit/core')).has('custom-elements.json'), '@crmkit/core has custom-elements.json');
  });

  for (const app of APPS) {
    describe(`${app.name} app`, () => {
      it('type-checks against the installed typings', async () => {
        await waitFor(`typecheck ${app.name}`);
      });

      it('builds with vite and, in Chromium, shows mock data and hands crm-record-open to the app', async () => {
        const dir = join(work, app.name);
        await waitFor(`vite build ${app.name}`);
        assert.ok(existsSync(join(dir, 'dist/index.html')));
        const server = await serveStatic(join(dir, 'dist'));
        const page = await browser!.newPage({ viewport: { width: 1200, height: 900 } });
        const errors: string[] = [];
        const origins = new Set<string>();
        page.on('pageerror', (e) => errors.push(e.message));
        page.on('console', (m) => {
          if (m.type() === 'error') errors.push(m.text());
        });
        page.on('request', (r) => {
          if (!r.url().startsWith('data:')) origins.add(new URL(r.url()).origin);
        });
        try {
          const t0 = performance.now();
          await page.goto(`${server.origin}/`);
          // A string, not a function: tsx's keepNames would add a `__name` helper the page lacks.
          await page.waitForFunction(
            `(() => {
              const tl = document.querySelector('crm-client-timeline')?.shadowRoot?.textContent ?? '';
              const ac = document.querySelector('crm-activity-counters')?.shadowRoot?.textContent ?? '';
              return /ПарусГрупп/.test(tl) && !/Loading…/.test(tl) && ac.trim().length > 20 && !/Loading…/.test(ac);
            })()`,
            undefined,
            { timeout: 60_000 },
          );
          const states = await page.evaluate(() =>
            ['crm-client-timeline', 'crm-activity-counters'].map((t) => ({ tag: t, error: document.querySelector(t)!.matches(':state(error)') })),
          );
          assert.deepEqual(states.filter((s) => s.error), [], 'no widget in the error state');
          // Open a record from the timeline: the app's listener takes it over.
          await page.locator('crm-client-timeline button.link').first().click();
          await page.waitForFunction(() => (document.querySelector('#opened')?.textContent ?? '') !== '', undefined, { timeout: 10_000 });
          const opened = await page.locator('#opened').textContent();
          assert.match(opened ?? '', /^[a-z]+:\S+$/, 'the listener got the record kind and id');
          timings[`browser ${app.name}`] = Math.round(performance.now() - t0);
          // A widget that upgrades before its <crm-provider> has built the adapter waits quietly.
          assert.deepEqual(errors, [], 'no errors on the page');
          assert.deepEqual([...origins], [server.origin], 'no request to another origin');
        } finally {
          await page.close();
          await server.close();
        }
      });
    });
  }

  it('npm publish --dry-run passes for every package', () => {
    const out = timed('npm publish --dry-run (5 packages)', () =>
      sh('npm', ['publish', '--dry-run', ...PACKAGES.flatMap((p) => ['-w', `@crmkit/${p}`])], ROOT, 'npm publish --dry-run'),
    );
    for (const p of PACKAGES) assert.match(out, new RegExp(`\\+ @crmkit/${p}@\\d+\\.\\d+\\.\\d+`), `dry-run publishes @crmkit/${p}`);
  });
});
