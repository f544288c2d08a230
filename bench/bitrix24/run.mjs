#!/usr/bin/env node
// Entry point for `npm run bench`: runs bench.ts through tsx (the emulator is TypeScript).
// BENCH_QUICK=1 shrinks the data for a smoke run.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./bench.ts', import.meta.url));
const r = spawnSync(process.execPath, ['--conditions=crmkit-source', '--import', 'tsx', script], {
  stdio: 'inherit',
  // The emulator's HTTPS certificate is self-signed, made at start: benchmarks only.
  env: { ...process.env, NODE_TLS_REJECT_UNAUTHORIZED: '0' },
});
process.exit(r.status ?? 1);
