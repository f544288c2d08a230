// Browser tests in Debian's Chromium (CHROME_PATH or /usr/bin/chromium). Tools that download
// their own browser do not work on our machines, so no Playwright launcher here.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { summaryReporter } from './scripts/wtr-summary-reporter.mjs';
import { testServerPlugins } from './tests/support/servers.mjs';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

// One group per package folder and per widget, so one widget's tests run alone:
// `npx wtr --group widgets-client-timeline`.
function hasTests(dir) {
  if (!existsSync(dir)) return false;
  return readdirSync(dir, { withFileTypes: true }).some((e) =>
    e.isDirectory() ? e.name !== 'node_modules' && hasTests(join(dir, e.name)) : e.name.endsWith('.test.ts'),
  );
}
// core and widgets are split per folder (core-cache, widgets-client-timeline…); adapters per package.
const packageGroups = readdirSync('packages').flatMap((p) => {
  const src = `packages/${p}/src`;
  if (p !== 'core' && p !== 'widgets') return [{ name: p, dir: src }];
  const folders = existsSync(src) ? readdirSync(src, { withFileTypes: true }).filter((e) => e.isDirectory()) : [];
  return folders.map((f) => ({ name: `${p}-${f.name}`, dir: `${src}/${f.name}` }));
});
const groups = [...packageGroups, { name: 'e2e', dir: 'tests/browser' }]
  .filter((g) => hasTests(g.dir))
  .map((g) => ({ name: g.name, files: `${g.dir}/**/*.test.ts` }));

export default {
  // WTR_FILES="a.test.ts" runs just those files (a quick loop while working on one widget).
  ...(process.env.WTR_FILES ? { files: process.env.WTR_FILES.split(',') } : { groups }),
  nodeResolve: { exportConditions: ['crmkit-source', 'browser', 'development'] },
  concurrency: 2,
  concurrentBrowsers: 1,
  // Generous: CI has 2 cores, and a widget test renders real data through an adapter.
  testFramework: { config: { timeout: 60000 } },
  testsFinishTimeout: 300000,
  browserStartTimeout: 60000,
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.base.json' }), ...testServerPlugins()],
  browsers: [
    chromeLauncher({
      // Each test page in a window of its own: two pages run at once (concurrency 2), and a
      // second tab of one window would be hidden, where the browser runs no frames, so a widget
      // waiting for one (ResizeObserver, requestAnimationFrame) stalls until the other finishes.
      createPage: ({ context }) => context.newPage({ type: 'window' }),
      launchOptions: {
        executablePath,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          '--disable-quic',
          '--ignore-certificate-errors',
        ],
      },
    }),
  ],
  reporters: [defaultReporter(), summaryReporter()],
  // Lit's dev-mode warnings are failures (see tests/support/lit-warnings.ts).
  testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="ru">
  <body>
    <script type="module" src="/tests/support/fail-on-lit-warnings.js"></script>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`,
};
