#!/usr/bin/env node
// Entry point for `npm run bench`: runs bench/1c/bench.ts through tsx with the source condition.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./bench.ts', import.meta.url));
const r = spawnSync(process.execPath, ['--conditions=crmkit-source', '--import', 'tsx', script], { stdio: 'inherit' });
process.exit(r.status ?? 1);
