#!/usr/bin/env node
// The README's test command (`npm install && npm test`) ends here. It makes sure Debian's
// Chromium is present (installing it when it runs as root), then runs every runner: the
// type check, the Node tests (emulators, generators), the browser tests in Chromium, and
// prints one summary line over all of them: `N passed, M failed, K skipped`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const totals = { passed: 0, failed: 0, skipped: 0 };
const only = process.argv.slice(2); // e.g. `npm test -- browser`

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  process.stdout.write(r.stdout ?? '');
  process.stderr.write(r.stderr ?? '');
  return r;
}

function ensureChromium() {
  if (process.env.CHROME_PATH && existsSync(process.env.CHROME_PATH)) return process.env.CHROME_PATH;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  if (process.getuid?.() !== 0) {
    console.error('Chromium is missing: install Debian\'s package "chromium" (as root: apt-get install -y chromium) or set CHROME_PATH.');
    process.exit(1);
  }
  console.log('Installing Debian\'s Chromium (apt-get install -y chromium)…');
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], env);
  const r = run('apt-get', ['install', '-y', '-qq', 'chromium'], env);
  if (r.status !== 0 || !existsSync('/usr/bin/chromium')) {
    console.error('Could not install Chromium.');
    process.exit(1);
  }
  return '/usr/bin/chromium';
}

/** Files under `dir` (recursively, skipping node_modules) whose path ends with `suffix`. */
function findFiles(dir, suffix) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findFiles(path, suffix));
    else if (path.endsWith(suffix)) out.push(path);
  }
  return out;
}

const want = (name) => only.length === 0 || only.includes(name);

if (want('typecheck')) {
  console.log('\n== Type check (tsc --noEmit, strict) ==');
  const r = run('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
  if (r.status === 0) totals.passed++;
  else totals.failed++;
}

if (want('node')) {
  console.log('\n== Node tests (node --test) ==');
  const files = [
    ...findFiles('tests/node', '.test.ts'),
    ...readdirSync('packages').flatMap((p) => findFiles(join('packages', p, 'test-node'), '.test.ts')),
  ];
  if (files.length) {
    const r = run('node', ['--conditions=crmkit-source', '--import', 'tsx', '--test', '--test-concurrency=2', ...files]);
    const out = `${r.stdout}\n${r.stderr}`;
    // The run's own totals, last in its output: `ℹ pass N` (spec reporter, a terminal) or
    // `# pass N` (TAP, when the output is piped, as in CI).
    const num = (label) => Number([...out.matchAll(new RegExp(`^(?:ℹ|#) ${label} (\\d+)$`, 'gm'))].at(-1)?.[1] ?? 0);
    totals.passed += num('pass');
    totals.failed += num('fail') + num('cancelled');
    totals.skipped += num('skipped') + num('todo');
    if (r.status !== 0 && num('fail') === 0 && num('cancelled') === 0) totals.failed++;
  }
}

if (want('browser')) {
  console.log('\n== Browser tests (web-test-runner, Chromium) ==');
  const chrome = ensureChromium();
  rmSync('.wtr-summary.json', { force: true });
  const r = run('npx', ['web-test-runner', '--config', 'web-test-runner.config.mjs'], { CHROME_PATH: chrome });
  if (existsSync('.wtr-summary.json')) {
    const s = JSON.parse(readFileSync('.wtr-summary.json', 'utf8'));
    totals.passed += s.passed;
    totals.failed += s.failed;
    totals.skipped += s.skipped;
    if (r.status !== 0 && s.failed === 0) totals.failed++;
  } else {
    totals.failed++;
  }
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed > 0 ? 1 : 0);
