// web-test-runner plugin: starts the 1C emulator (a child Node process running the TypeScript
// server through tsx) and proxies `/crm1c*` on the test page's own origin to it, the way the
// README's reverse proxy publishes 1C next to the widgets (1C adds no CORS headers).
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';

export function oneCEmulatorPlugin() {
  let child;
  let target;
  return {
    name: 'crmkit-1c-emulator',
    async serverStart({ app }) {
      const main = fileURLToPath(new URL('./main.ts', import.meta.url));
      child = spawn(process.execPath, ['--conditions=crmkit-source', '--import', 'tsx', main], { stdio: ['ignore', 'pipe', 'inherit'] });
      target = await new Promise((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d) => {
          out += d;
          const m = /crmkit-1c-emulator (http:\/\/[^\s]+)/.exec(out);
          if (m) resolve(new URL(m[1]));
        });
        child.on('exit', (code) => reject(new Error(`1C emulator exited (${code})`)));
      });
      app.use(async (ctx, next) => {
        if (!ctx.path.startsWith('/crm1c')) return next();
        await new Promise((resolve, reject) => {
          const headers = { ...ctx.req.headers, host: target.host };
          const up = request({ host: target.hostname, port: target.port, method: ctx.method, path: ctx.req.url, headers }, (res) => {
            ctx.status = res.statusCode ?? 502;
            for (const [k, v] of Object.entries(res.headers)) if (v !== undefined && k !== 'connection' && k !== 'keep-alive') ctx.set(k, v);
            ctx.body = res;
            resolve();
          });
          up.on('error', reject);
          ctx.req.pipe(up);
        });
      });
    },
    async serverStop() {
      child?.kill();
    },
  };
}
