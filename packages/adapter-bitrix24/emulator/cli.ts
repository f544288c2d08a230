/**
 * Runs the Bitrix24 emulator from the command line (Node + tsx).
 *
 *   node --conditions=crmkit-source --import tsx packages/adapter-bitrix24/emulator/cli.ts [options]
 *
 *   --manager          start a manager on loopback that creates portals on demand (tests):
 *                      POST /portals {fixture?: {extraDeals}, scale?, seed?, options?} → {origin, webhook, webhooks}
 *                      POST /portals/<id>/close
 *   --scale small|default|large   one portal fed by the mock generator (the demo)
 *   --port N, --https, --enterprise (250 burst, 5/s), --no-limits
 *
 * Prints `BITRIX24_EMULATOR=<url>` (manager) or `BITRIX24_WEBHOOK=<url>` (portal) on its first line.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startEmulator, type Emulator, type EmulatorOptions } from './server.js';
import { makeFixture } from '../src/testing/fixture.js';
import type { CrmSnapshot } from '@crmkit/adapter-mock';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const value = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};

async function mockSnapshot(scale: string, seed: number): Promise<CrmSnapshot> {
  const mock = (await import('@crmkit/adapter-mock')) as unknown as { generateMockCrm?: (o: { scale: string; seed: number; now?: number }) => CrmSnapshot };
  if (!mock.generateMockCrm) return makeFixture(200);
  return mock.generateMockCrm({ scale, seed, now: Date.UTC(2025, 4, 15, 9) });
}

function baseOptions(): EmulatorOptions {
  return {
    https: flag('https'),
    ...(flag('enterprise') ? { bucket: { burst: 250, rate: 5 } } : {}),
    ...(flag('no-limits') ? { bucket: false, operating: false } : {}),
  };
}

async function manager(): Promise<void> {
  const portals = new Map<string, Emulator>();
  let next = 1;
  const server = createServer((req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', 'Content-Type');
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        if (req.method === 'POST' && url.pathname === '/portals') {
          const fixture = body.fixture as { extraDeals?: number } | undefined;
          const snapshot = (body.snapshot as CrmSnapshot | undefined) ?? (body.scale ? await mockSnapshot(String(body.scale), Number(body.seed ?? 1)) : makeFixture(fixture?.extraDeals ?? 0));
          const emu = await startEmulator(snapshot, { ...((body.options as EmulatorOptions) ?? {}) });
          const id = String(next++);
          portals.set(id, emu);
          res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ id, origin: emu.origin, webhook: emu.webhook, webhooks: emu.webhooks }));
          return;
        }
        const m = /^\/portals\/(\d+)\/close$/.exec(url.pathname);
        if (m) {
          await portals.get(m[1])?.close();
          portals.delete(m[1]);
          res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
          return;
        }
        res.writeHead(404).end();
      })().catch((e: unknown) => res.writeHead(500, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: String(e) })));
    });
  });
  await new Promise<void>((r) => server.listen(Number(value('port') ?? 0), '127.0.0.1', () => r()));
  console.log(`BITRIX24_EMULATOR=http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  const stop = async () => {
    for (const p of portals.values()) await p.close();
    server.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

async function single(): Promise<void> {
  const scale = value('scale') ?? 'small';
  const snapshot = await mockSnapshot(scale, Number(value('seed') ?? 1));
  const emu = await startEmulator(snapshot, { ...baseOptions(), ...(value('port') ? { port: Number(value('port')) } : {}) });
  console.log(`BITRIX24_WEBHOOK=${emu.webhook}`);
  console.error(`Bitrix24 emulator (${scale}) on ${emu.origin}. Demo: /demo/?adapter=bitrix24&webhook=${encodeURIComponent(emu.webhook)}`);
  process.on('SIGTERM', () => void emu.close().then(() => process.exit(0)));
  process.on('SIGINT', () => void emu.close().then(() => process.exit(0)));
}

void (flag('manager') ? manager() : single());
