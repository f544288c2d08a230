#!/usr/bin/env node
// Builds custom-elements.json for core and widgets (`npm run manifest`; also run by the build).
import { spawnSync } from 'node:child_process';

const targets = [
  { pkg: 'packages/core', globs: ['packages/core/src/ui/**/*.ts', 'packages/core/src/provider/**/*.ts', 'packages/core/src/base/element.ts'] },
  { pkg: 'packages/widgets', globs: ['packages/widgets/src/**/*.ts', 'packages/core/src/base/element.ts'] },
];
for (const t of targets) {
  const args = ['cem', 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', t.pkg, ...t.globs.flatMap((g) => ['--globs', g])];
  const r = spawnSync('npx', args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
