// Writes mapping/default-mapping.json from src/default-mapping.ts:
// node --conditions=crmkit-source --import tsx packages/adapter-1c/emulator/write-default-mapping.ts
import { writeFileSync } from 'node:fs';
import { DEFAULT_MAPPING } from '../src/default-mapping.js';

writeFileSync(new URL('../mapping/default-mapping.json', import.meta.url), `${JSON.stringify(DEFAULT_MAPPING, null, 2)}\n`);
