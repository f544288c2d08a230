/**
 * Fault tolerance, 1,000 seeded runs against both emulators: each run loads deals through a fresh
 * adapter while the emulator injects 500s, dropped connections, truncated JSON and slow answers
 * (Bitrix24 also a tight leaky bucket answering 503; 1C also HTML error pages). Every run must
 * end with the complete data or a typed CrmError that a retry on a healthy server recovers from:
 * never partial data presented as complete. Then every mapper is fuzzed with random JSON: typed
 * errors only. The counts printed here are the ones SECURITY.md quotes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isAbortError, isCrmError, type DataAdapter, type EntityName } from '@crmkit/core';
import { startEmulator, type Emulator } from '../../packages/adapter-bitrix24/emulator/server.js';
import { makeFixture } from '../../packages/adapter-bitrix24/src/testing/fixture.js';
import { Bitrix24Adapter, clearBitrix24Dictionaries } from '../../packages/adapter-bitrix24/src/bitrix24-adapter.js';
import { resetSharedClients } from '../../packages/adapter-bitrix24/src/rest-client.js';
import { startOneCEmulator, type RunningEmulator } from '../../packages/adapter-1c/emulator/server.js';
import { createOneCAdapter } from '../../packages/adapter-1c/src/adapter-1c.js';
import { prng } from '../support/prng.js';

const RUNS_PER_EMULATOR = 500;


interface Tally {
  complete: number;
  typedError: number;
  recovered: number;
}

async function oneRun(load: () => Promise<readonly { id: string }[]>, truth: readonly string[], retry: () => Promise<readonly { id: string }[]>, tally: Tally): Promise<void> {
  try {
    const items = await load();
    // Resolved means complete: exactly the records the CRM has, in full.
    assert.deepEqual([...items.map((i) => i.id)].sort(), [...truth].sort(), 'a resolved load is complete');
    tally.complete++;
  } catch (e) {
    assert.ok(isCrmError(e) && !isAbortError(e), `a failed load is a typed CrmError, got ${String(e)}`);
    tally.typedError++;
    const again = await retry();
    assert.deepEqual([...again.map((i) => i.id)].sort(), [...truth].sort(), 'a retry on a healthy server loads everything');
    tally.recovered++;
  }
}

describe('fault runs', { timeout: 600_000 }, () => {
  let b24: Emulator;
  let onec: RunningEmulator;
  before(async () => {
    b24 = await startEmulator(makeFixture(60), { bucket: false, operating: false });
    onec = await startOneCEmulator({ port: 0 });
  });
  after(async () => {
    await b24?.close();
    await onec?.close();
  });

  test(`Bitrix24: ${RUNS_PER_EMULATOR} seeded runs with 500 / drop / truncate / slow / 503`, async () => {
    const healthy = new Bitrix24Adapter({ webhook: b24.webhook });
    const truth = (await healthy.list('deal')).items.map((d) => d.id);
    const tally: Tally = { complete: 0, typedError: 0, recovered: 0 };
    for (let run = 0; run < RUNS_PER_EMULATOR; run++) {
      const random = prng(run + 1);
      const rate = 0.05 + random() * 0.4;
      b24.control({
        faults: { rate, seed: run + 1, kinds: ['500', 'drop', 'truncate', 'slow'], slowMs: 5 },
        bucket: random() < 0.2 ? { burst: 2, rate: 50 } : false,
        resetLimits: true,
      });
      resetSharedClients();
      // Every tenth run also re-reads the dictionaries (stages, fields, users) under faults;
      // the others reuse them, as a page does, which keeps 500 runs quick.
      if (run % 10 === 0) clearBitrix24Dictionaries();
      const adapter = new Bitrix24Adapter({ webhook: b24.webhook, client: { backoffMs: 1, maxRetries: random() < 0.5 ? 0 : 2, maxWaitMs: 2000 } });
      await oneRun(
        async () => (await adapter.list('deal')).items,
        truth,
        async () => {
          b24.control({ faults: { rate: 0 }, bucket: false, resetLimits: true });
          resetSharedClients();
          clearBitrix24Dictionaries();
          return (await new Bitrix24Adapter({ webhook: b24.webhook }).list('deal')).items;
        },
        tally,
      );
    }
    console.log(`fault-runs.bitrix24: ${RUNS_PER_EMULATOR} runs, ${tally.complete} complete, ${tally.typedError} typed errors, ${tally.recovered} recovered on retry`);
    assert.equal(tally.complete + tally.typedError, RUNS_PER_EMULATOR);
    assert.ok(tally.typedError > 0 && tally.complete > 0, 'faults both failed some runs and were survived in others');
  });

  test(`1C: ${RUNS_PER_EMULATOR} seeded runs with 500 / drop / truncate / HTML pages`, async () => {
    const truthAdapter = createOneCAdapter({ odataUrl: `${onec.origin}/crm1c/odata/standard.odata/`, credentials: { user: 'Администратор', password: '' } });
    const truth = (await truthAdapter.list('apartment')).items.map((a) => a.id);
    const tally: Tally = { complete: 0, typedError: 0, recovered: 0 };
    for (let run = 0; run < RUNS_PER_EMULATOR; run++) {
      const random = prng(10_000 + run);
      const base = `crm1c-fault-${run}`;
      onec.addTenant(base, { faultRate: 0.05 + random() * 0.4, faultSeed: run + 1 });
      const adapter = createOneCAdapter({
        odataUrl: `${onec.origin}/${base}/odata/standard.odata/`,
        credentials: { user: 'Администратор', password: '' },
        retries: random() < 0.5 ? 0 : 2,
        checkPublication: false,
      });
      await oneRun(
        async () => (await adapter.list('apartment')).items,
        truth,
        async () => (await truthAdapter.list('apartment')).items,
        tally,
      );
    }
    console.log(`fault-runs.1c: ${RUNS_PER_EMULATOR} runs, ${tally.complete} complete, ${tally.typedError} typed errors, ${tally.recovered} recovered on retry`);
    assert.equal(tally.complete + tally.typedError, RUNS_PER_EMULATOR);
    assert.ok(tally.typedError > 0 && tally.complete > 0);
  });
});

/** Random JSON: scalars, arrays and objects, with keys the adapters look for now and then. */
function randomJson(random: () => number, depth = 0): unknown {
  const keys = ['result', 'total', 'next', 'time', 'error', 'error_description', 'items', 'value', 'odata.metadata', 'odata.error', 'ID', 'id', 'TITLE', 'title', 'STAGE_ID', 'stageId', 'Ref_Key', 'Description', 'result_error', 'cmd'];
  const r = random();
  if (depth > 3 || r < 0.3) {
    const s = random();
    if (s < 0.2) return null;
    if (s < 0.4) return Math.floor(random() * 1e6) - 1000;
    if (s < 0.6) return random() < 0.5;
    if (s < 0.8) return ['', '0', 'Y', '2026-13-45T99:99:99', '00000000-0000-0000-0000-000000000000', '<html>'][Math.floor(random() * 6)];
    return String(random());
  }
  if (r < 0.55) return Array.from({ length: Math.floor(random() * 4) }, () => randomJson(random, depth + 1));
  const out: Record<string, unknown> = {};
  const n = Math.floor(random() * 5);
  for (let i = 0; i < n; i++) out[keys[Math.floor(random() * keys.length)] as string] = randomJson(random, depth + 1);
  return out;
}

describe('mapper fuzzing with random JSON', { timeout: 300_000 }, () => {
  const CASES = 300;
  const entities: EntityName[] = ['deal', 'contact', 'company', 'activity', 'employee', 'apartment', 'booking'];

  async function fuzz(name: string, make: (fetch: typeof globalThis.fetch) => DataAdapter): Promise<void> {
    let typed = 0;
    let ok = 0;
    for (let i = 0; i < CASES; i++) {
      const random = prng(777 + i);
      const fetch = (async () => {
        // Half the answers have the right envelope with wrong-typed rows inside, so the mappers
        // themselves meet nulls, numbers for strings, nested junk and bad dates.
        const rows = () => Array.from({ length: 1 + Math.floor(random() * 3) }, () => randomJson(random, 2) ?? {});
        const shaped = random() < 0.5;
        const json = shaped
          ? name === '1c'
            ? { 'odata.metadata': 'x', value: rows() }
            : { result: random() < 0.5 ? rows() : { items: rows(), result: { c0: rows() }, result_error: {} }, total: 3, time: { start: 0, finish: 0 } }
          : randomJson(random);
        const body = random() < 0.15 ? JSON.stringify(json).slice(0, Math.floor(random() * 40)) : JSON.stringify(json);
        const status = shaped ? 200 : ([200, 200, 200, 400, 401, 403, 404, 500, 503][Math.floor(random() * 9)] as number);
        return new Response(body, { status, headers: { 'content-type': random() < 0.1 ? 'text/html' : 'application/json' } });
      }) as typeof globalThis.fetch;
      resetSharedClients();
      clearBitrix24Dictionaries();
      const adapter = make(fetch);
      const entity = entities[i % entities.length] as EntityName;
      try {
        await adapter.list(entity, {}, { signal: AbortSignal.timeout(5000) });
        ok++;
      } catch (e) {
        assert.ok(isCrmError(e), `${name} ${entity} case ${i}: expected a typed CrmError, got ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
        typed++;
      }
    }
    console.log(`fuzz.${name}: ${CASES} random responses, ${typed} typed errors, ${ok} accepted, 0 untyped`);
  }

  test('Bitrix24 mappers', async () => {
    await fuzz('bitrix24', (fetch) => new Bitrix24Adapter({ webhook: 'http://127.0.0.1:9/rest/1/x/', fetch, client: { backoffMs: 1, maxRetries: 1, maxWaitMs: 100 } }));
  });

  test('1C mappers', async () => {
    await fuzz('1c', (fetch) => createOneCAdapter({ odataUrl: 'http://127.0.0.1:9/base/odata/standard.odata/', fetch, retries: 0, checkPublication: false, credentials: { user: 'u', password: 'p' } }));
  });
});
