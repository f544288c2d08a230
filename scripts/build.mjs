#!/usr/bin/env node
// `npm run build`: every package to ESM + .d.ts in its dist/ (unbundled, so npm can dedupe
// Lit), in dependency order; then the demo's static build. Packages compile against each
// other's built .d.ts (no source condition), exactly as a consumer of the tarballs would.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';

const order = ['core', 'adapter-mock', 'adapter-bitrix24', 'adapter-1c', 'widgets'];
const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const skipDemo = process.argv.includes('--no-demo');
const skipBundle = process.argv.includes('--no-bundle');

function step(label, cmd, args) {
  console.log(`\n== ${label} ==`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`build failed: ${label}`);
    process.exit(r.status ?? 1);
  }
}

for (const pkg of order) {
  if (only.length && !only.includes(pkg)) continue;
  const config = `packages/${pkg}/tsconfig.build.json`;
  if (!existsSync(config)) continue;
  rmSync(`packages/${pkg}/dist`, { recursive: true, force: true });
  step(`@crmkit/${pkg}`, 'npx', ['tsc', '-p', config]);
}

if (only.length === 0) {
  step('custom-elements.json (core, widgets)', 'node', ['scripts/manifest.mjs']);
  step('React / Vue typings from the manifests (widgets/dist/react.d.ts, vue.d.ts)', 'node', ['scripts/framework-types.mjs']);
  if (!skipBundle) step('self-hosted bundle (dist-bundle/)', 'node', ['scripts/build-bundle.mjs']);
}

if (!skipDemo && only.length === 0) {
  step('demo (vite build)', 'npx', ['vite', 'build', '--config', 'vite.config.ts']);
}
