// The 1C adapter against the emulator: requests and time to load a 7,200-apartment project with
// statuses and current prices, and the price history of one apartment. Run by bench/1c/run.mjs.
import { startOneCEmulator } from '../../packages/adapter-1c/emulator/server.js';
import { apartmentsProject } from '../../packages/adapter-1c/emulator/fixture.js';
import { createOneCAdapter } from '../../packages/adapter-1c/src/index.js';

const count = Number(process.env.BENCH_1C_APARTMENTS ?? 7200);
const snapshot = apartmentsProject(count);
const em = await startOneCEmulator({ snapshot });
const credentials = { user: 'Иванова Мария', password: 'пароль' };

async function run(mode: 'odata' | 'http-service', pageSize: number): Promise<void> {
  const adapter = createOneCAdapter({ odataUrl: em.odataUrl, credentials, mode, pageSize, checkPublication: false });
  const project = (await adapter.list('project')).items[0];
  const before = adapter.http.requests;
  let t = performance.now();
  const flats = await adapter.list('apartment', { filter: [{ field: 'projectId', op: 'eq', value: project.id }] });
  const loadMs = performance.now() - t;
  const loadRequests = adapter.http.requests - before;
  if (flats.items.length !== count) throw new Error(`expected ${count} apartments, got ${flats.items.length}`);
  if (flats.items.some((a) => !a.price || !a.statusAt)) throw new Error('an apartment lacks its price or status');
  const one = flats.items[Math.floor(count / 2)];
  const before2 = adapter.http.requests;
  t = performance.now();
  const history = await adapter.list('pricePoint', { filter: [{ field: 'apartmentId', op: 'eq', value: one.id }] });
  const historyMs = performance.now() - t;
  const label = mode === 'odata' ? `odata (page ${pageSize})` : 'http-service';
  console.log(`1c ${label} load ${count} apartments with statuses and prices: ${loadMs.toFixed(0)} ms, ${loadRequests} requests`);
  console.log(`1c ${label} price history of one apartment (${history.items.length} points): ${historyMs.toFixed(1)} ms, ${adapter.http.requests - before2} requests`);
}

await run('odata', 1000);
await run('odata', 5000);
await run('http-service', 1000);
await em.close();
