#!/usr/bin/env node
// Runs calibrate.ts through tsx. With B24_WEBHOOK it measures that portal (TLS verified as
// usual); without it, a self-check on the emulator, whose certificate is self-signed.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./calibrate.ts', import.meta.url));
const env = process.env.B24_WEBHOOK ? process.env : { ...process.env, NODE_TLS_REJECT_UNAUTHORIZED: '0' };
const r = spawnSync(process.execPath, ['--conditions=crmkit-source', '--import', 'tsx', script], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
