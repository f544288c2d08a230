// web-test-runner plugin: starts the Bitrix24 emulator manager (a child Node process running the
// TypeScript server through tsx) on 127.0.0.1 and tells tests where it is at
// `/__bitrix24-emulator.json` on the test page's origin. Tests create portals through it and
// call them cross-origin, so the emulator's CORS is exercised as the demo uses it.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export function bitrix24EmulatorPlugin() {
  let child;
  let manager;
  return {
    name: 'crmkit-bitrix24-emulator',
    async serverStart() {
      const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
      child = spawn(process.execPath, ['--conditions=crmkit-source', '--import', 'tsx', cli, '--manager'], { stdio: ['ignore', 'pipe', 'inherit'] });
      manager = await new Promise((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d) => {
          out += d;
          const m = /BITRIX24_EMULATOR=(http:\/\/[^\s]+)/.exec(out);
          if (m) resolve(m[1]);
        });
        child.on('exit', (code) => reject(new Error(`Bitrix24 emulator exited (${code})`)));
      });
    },
    async serve(ctx) {
      if (ctx.path !== '/__bitrix24-emulator.json') return undefined;
      return { body: JSON.stringify({ manager }), type: 'application/json' };
    },
    async serverStop() {
      child?.kill();
    },
  };
}
