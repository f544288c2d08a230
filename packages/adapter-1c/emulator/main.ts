/**
 * Starts the 1C emulator: `node --conditions=crmkit-source --import tsx packages/adapter-1c/emulator/main.ts [--port N] [--cors]`.
 * Prints one line `crmkit-1c-emulator <origin>` when it listens (test plugins wait for it).
 */
import { startOneCEmulator } from './server.js';

const args = process.argv.slice(2);
const portAt = args.indexOf('--port');
const emulator = await startOneCEmulator({
  port: portAt >= 0 ? Number(args[portAt + 1]) : 0,
  cors: args.includes('--cors'),
});
console.log(`crmkit-1c-emulator ${emulator.origin}`);
const stop = () => void emulator.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
