/**
 * Calibrates the operating-time model on a portal: how many seconds of the 480 s per method per
 * 10 minutes a Bitrix24 portal charges per command and per row, for each list the client base's
 * first load reads, with the same `select` (see DATA.md).
 *
 *   B24_WEBHOOK=https://portal.bitrix24.ru/rest/1/secret/ node bench/bitrix24/calibrate.mjs
 *
 * Read-only (the REST client calls only its allowlist of read methods) and small: per list one
 * probe, one batch of 10 commands returning full pages of 50 rows from ten id windows, one batch
 * of 10 commands returning one row each (three requests, about 510 rows). Nothing is stored or
 * sent anywhere else; the figures are printed. Without `B24_WEBHOOK` it checks itself on the
 * emulator, whose model it must recover (20 ms per command, 1 ms per row).
 *
 * The portal reports `time.operating` per command. Whether that is the command's own time or the
 * method's running total in the window is not documented plainly, so both readings are printed;
 * on a running total the deltas are the costs. `duration` (the server's time) is printed beside.
 * Compare the per-row figure with the break-even the client base bench prints ("holds while a
 * row costs ≤ … ms").
 */
import { generateMockCrm } from '../../packages/adapter-mock/src/index.js';
import { startEmulator } from '../../packages/adapter-bitrix24/emulator/server.js';
import { RestClient, type CallResult } from '../../packages/adapter-bitrix24/src/rest-client.js';
import { WebhookTransport } from '../../packages/adapter-bitrix24/src/transport.js';

interface Probe {
  readonly label: string;
  readonly method: string;
  readonly base?: Record<string, unknown>;
  readonly idField: string;
  readonly rowsKey?: string;
  readonly filter: Record<string, unknown>;
  readonly select: readonly string[];
}

/** The client base's first-load lists on Bitrix24, as the adapter asks them (DATA.md). */
const PROBES: readonly Probe[] = [
  { label: 'deals without a company (item API, contactIds)', method: 'crm.item.list', base: { entityTypeId: 2, useOriginalUfNames: 'Y' }, idField: 'id', rowsKey: 'items', filter: { companyId: 0 }, select: ['id', 'companyId', 'contactIds', 'createdTime', 'lastActivityTime', 'updatedTime'] },
  { label: 'smart invoices (item API)', method: 'crm.item.list', base: { entityTypeId: 31, useOriginalUfNames: 'Y' }, idField: 'id', rowsKey: 'items', filter: {}, select: ['id', 'companyId', 'contactId', 'parentId2', 'createdTime', 'stageId', 'opportunity', 'currencyId', 'movedTime', 'updatedTime'] },
  { label: 'deals with a company (legacy)', method: 'crm.deal.list', idField: 'ID', filter: { '>COMPANY_ID': 0 }, select: ['ID', 'COMPANY_ID', 'DATE_CREATE', 'LAST_ACTIVITY_TIME', 'DATE_MODIFY'] },
  { label: 'contacts (legacy)', method: 'crm.contact.list', idField: 'ID', filter: {}, select: ['ID', 'NAME', 'LAST_NAME', 'PHONE', 'EMAIL', 'ASSIGNED_BY_ID', 'DATE_CREATE', 'DATE_MODIFY', 'LAST_ACTIVITY_TIME'] },
  { label: 'open activities', method: 'crm.activity.list', idField: 'ID', filter: { COMPLETED: 'N' }, select: ['ID', 'TYPE_ID', 'PROVIDER_ID', 'SUBJECT', 'OWNER_TYPE_ID', 'OWNER_ID', 'CREATED', 'START_TIME', 'DEADLINE', 'COMPLETED', 'RESPONSIBLE_ID', 'AUTHOR_ID'] },
];

const WINDOWS = 10;

interface Sample {
  readonly commands: number;
  readonly rows: number;
  /** Sum of the commands' own `operating` values. */
  readonly operatingSum: number;
  /** Last `operating` minus the one before the sample (a running total's growth). */
  readonly operatingGrowth: number;
  readonly durationSum: number;
}

function rowsOf(r: CallResult, key?: string): Record<string, unknown>[] {
  const v = key ? (r.result as Record<string, unknown>)[key] : r.result;
  return Array.isArray(v) ? (v as Record<string, unknown>[]) : [];
}

async function sample(client: RestClient, p: Probe, filters: readonly Record<string, unknown>[], before: number): Promise<Sample> {
  const results = await Promise.all(filters.map((f) => client.call(p.method, { ...p.base, order: { [p.idField]: 'ASC' }, filter: { ...p.filter, ...f }, select: p.select, start: -1 })));
  const ops = results.map((r) => r.time?.operating ?? 0);
  return {
    commands: results.length,
    rows: results.reduce((a, r) => a + rowsOf(r, p.rowsKey).length, 0),
    operatingSum: ops.reduce((a, b) => a + b, 0),
    operatingGrowth: Math.max(...ops) - before,
    durationSum: results.reduce((a, r) => a + (r.time?.duration ?? 0), 0),
  };
}

/** Per-command and per-row cost from a sample of full pages and one of single rows. */
function fit(full: Sample, single: Sample, cost: (s: Sample) => number): { command: number; row: number } {
  const perFull = cost(full) / full.commands;
  const perSingle = cost(single) / single.commands;
  const rowsFull = full.rows / full.commands;
  const rowsSingle = single.rows / single.commands;
  const row = rowsFull > rowsSingle ? (perFull - perSingle) / (rowsFull - rowsSingle) : 0;
  return { command: perSingle - row * rowsSingle, row };
}

const ms = (sec: number, digits = 2): string => (sec * 1000).toFixed(digits);

async function calibrate(client: RestClient): Promise<void> {
  for (const p of PROBES) {
    // The probe: the highest id, and the method's operating figure before the samples.
    const top = await client.call(p.method, { ...p.base, order: { [p.idField]: 'DESC' }, filter: p.filter, select: [p.idField], start: -1 });
    const maxId = Number(rowsOf(top, p.rowsKey)[0]?.[p.idField] ?? 0);
    if (!maxId) {
      console.log(`${p.label}: ${p.method} has no rows here; skipped`);
      continue;
    }
    const step = Math.max(1, Math.floor(maxId / WINDOWS));
    const full = await sample(client, p, Array.from({ length: WINDOWS }, (_, i) => ({ [`>${p.idField}`]: i * step })), top.time?.operating ?? 0);
    const ids = (await client.call(p.method, { ...p.base, order: { [p.idField]: 'ASC' }, filter: { ...p.filter, [`>${p.idField}`]: Math.floor(maxId / 2) }, select: [p.idField], start: -1 })).result;
    const picked = rowsOf({ result: ids } as CallResult, p.rowsKey).slice(0, WINDOWS).map((r) => r[p.idField]);
    const last = await client.call(p.method, { ...p.base, filter: { ...p.filter, [p.idField]: picked[0] }, select: [p.idField], start: -1 });
    const single = await sample(client, p, picked.map((id) => ({ [p.idField]: id })), last.time?.operating ?? 0);
    const asTotal = fit(full, single, (s) => s.operatingGrowth);
    const asOwn = fit(full, single, (s) => s.operatingSum);
    const byDuration = fit(full, single, (s) => s.durationSum);
    console.log(
      `${p.label} (${p.method}): ${full.commands} commands, ${full.rows} rows; ${single.commands} commands, ${single.rows} rows. ` +
        `operating read as a running total: ${ms(asTotal.command)} ms per command + ${ms(asTotal.row, 3)} ms per row; ` +
        `read as each command's own: ${ms(asOwn.command)} ms + ${ms(asOwn.row, 3)} ms per row; ` +
        `server duration: ${ms(byDuration.command)} ms + ${ms(byDuration.row, 3)} ms per row`,
    );
  }
}

async function main(): Promise<void> {
  const webhook = process.env.B24_WEBHOOK;
  if (webhook) {
    console.log(`calibrating on ${new URL(webhook).origin} (read-only, ~${PROBES.length * 4} requests)`);
    await calibrate(new RestClient(new WebhookTransport(webhook)));
    return;
  }
  console.log('no B24_WEBHOOK: self-check on the emulator (its model charges 20 ms per command + 1 ms per row)');
  const emu = await startEmulator(generateMockCrm({ scale: 'default' }), { bucket: false, operating: { limitSec: 1e9 } });
  try {
    await calibrate(new RestClient(new WebhookTransport(emu.webhook)));
  } finally {
    await emu.close();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
