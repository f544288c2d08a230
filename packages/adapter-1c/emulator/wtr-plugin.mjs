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
    },
    // The dev server builds its middleware chain before plugins start, so the proxy lives in the
    // `serve` hook: it answers on the raw response (any status) and tells Koa not to respond.
    async serve(ctx) {
      if (!ctx.path.startsWith('/crm1c') || !target) return undefined;
      await new Promise((resolve, reject) => {
        const headers = { ...ctx.req.headers, host: target.host };
        const up = request({ host: target.hostname, port: target.port, method: ctx.method, path: ctx.req.url, headers }, (res) => {
          const out = {};
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined && k !== 'connection' && k !== 'keep-alive' && k !== 'transfer-encoding') out[k] = v;
          ctx.respond = false;
          ctx.res.writeHead(res.statusCode ?? 502, out);
          res.pipe(ctx.res);
          res.on('end', resolve);
          res.on('error', reject);
        });
        up.on('error', reject);
        ctx.req.pipe(up);
      });
      return { body: '', type: 'text' };
    },
    async serverStop() {
      child?.kill();
    },
  };
}
