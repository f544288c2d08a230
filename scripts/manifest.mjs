#!/usr/bin/env node
// Builds custom-elements.json for core and widgets (`npm run manifest`; also run by the build and
// by tests/node/manifest.test.ts). Both analyses run in this one process through the analyzer's
// own `cli()` (no second `npx` start-up); the plugin in custom-elements-manifest.config.mjs
// teaches it our `defineElement(tag, Class)` and adds the theme tokens.
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from '@custom-elements-manifest/analyzer/cli.js';

export const MANIFEST_TARGETS = [
  { pkg: 'packages/core', globs: ['packages/core/src/ui/**/*.ts', 'packages/core/src/provider/**/*.ts', 'packages/core/src/base/element.ts'] },
  { pkg: 'packages/widgets', globs: ['packages/widgets/src/**/*.ts', 'packages/core/src/base/element.ts'] },
];

export async function buildManifests({ quiet = false } = {}) {
  for (const t of MANIFEST_TARGETS) {
    const argv = ['analyze', '--config', 'custom-elements-manifest.config.mjs', '--quiet', ...t.globs.flatMap((g) => ['--globs', g])];
    const manifest = await cli({ argv, cwd: process.cwd(), noWrite: true });
    // Written atomically: tests that build in parallel (manifest, packaging) may read it meanwhile.
    const target = join(t.pkg, 'custom-elements.json');
    const tmp = `${target}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(manifest, null, 2)}\n`);
    renameSync(tmp, target);
    if (!quiet) console.log(`${target}: ${manifest.modules.length} modules`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildManifests();
}
