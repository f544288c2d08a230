import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { activityTime, matchesFilter, type Activity, type Apartment, type Booking, type Deal, type RecordRef } from '@crmkit/core';
import {
  generateMockCrm,
  generateMockCrmAsync,
  loadSnapshot,
  MOCK_FIELDS,
  MOCK_SCALE_TARGETS,
  MOCK_SITUATION_NAMES,
  parseSnapshot,
  type MockCrmSnapshot,
  type MockSituationName,
} from '@crmkit/adapter-mock';

const NOW = Date.UTC(2026, 10, 25, 9, 0); // 25 Nov 2026, 12:00 Moscow
const DAY = 86_400_000;

const small = generateMockCrm({ scale: 'small', seed: 1, now: NOW });
const defaultScale = generateMockCrm({ scale: 'default', seed: 1, now: NOW });

function all<T>(s: MockCrmSnapshot, name: keyof MockCrmSnapshot['entities']): T[] {
  return (s.entities[name] ?? []) as unknown as T[];
}

/** Records bound to a client: its own and, for a company, its contacts'. */
function clientFacts(s: MockCrmSnapshot, ref: RecordRef) {
  const contacts = all<{ id: string; companyIds: string[]; comms: unknown[] }>(s, 'contact');
  const companies = all<{ id: string; contactIds: string[]; comms: unknown[]; hasRequisites: boolean }>(s, 'company');
  const contactIds = new Set(ref.kind === 'contact' ? [ref.id] : (companies.find((c) => c.id === ref.id)?.contactIds ?? []));
  const isMine = (r: { contactId?: string; companyId?: string; contactIds?: readonly string[] }) =>
    ref.kind === 'company' ? r.companyId === ref.id : r.contactId === ref.id || (r.contactIds ?? []).includes(ref.id);
  const keys = new Set([`${ref.kind}:${ref.id}`, ...[...contactIds].map((id) => `contact:${id}`)]);
  const deals = all<Deal & { contactId?: string }>(s, 'deal').filter((d) => (ref.kind === 'company' ? d.companyId === ref.id : d.contactIds.includes(ref.id) && !d.companyId));
  const invoices = all<{ contactId?: string; companyId?: string }>(s, 'invoice').filter(isMine);
  const payments = all<{ paidAt: number; contactId?: string; companyId?: string }>(s, 'payment').filter(isMine);
  const leads = all<{ contactId?: string; companyId?: string }>(s, 'lead').filter(isMine);
  const activities = all<Activity>(s, 'activity').filter((a) => a.bindings.some((b) => keys.has(`${b.kind}:${b.id}`)));
  const card = ref.kind === 'contact' ? contacts.find((c) => c.id === ref.id) : companies.find((c) => c.id === ref.id);
  const hasData = (card?.comms.length ?? 0) > 0 || (card as { hasRequisites?: boolean } | undefined)?.hasRequisites === true;
  return { deals, invoices, payments, leads, activities, card, hasData };
}

/** Checks, by reading the data, that a situation's first example really shows it. */
function holds(s: MockCrmSnapshot, name: MockSituationName): boolean {
  const ref = s.situations[name][0];
  if (!ref) return false;
  const now = s.generatedAt as number;
  const deal = (id: string) => all<Deal>(s, 'deal').find((d) => d.id === id);
  const activity = (id: string) => all<Activity>(s, 'activity').find((a) => a.id === id);
  const apartment = (id: string) => all<Apartment>(s, 'apartment').find((a) => a.id === id);
  const booking = (id: string) => all<Booking>(s, 'booking').find((b) => b.id === id);
  const dialogs = (f: ReturnType<typeof clientFacts>) => f.activities.filter((a) => ['call', 'email', 'messenger', 'open-line'].includes(a.kind));
  switch (name) {
    case 'b2cContact': {
      const c = all<{ id: string; companyIds: string[] }>(s, 'contact').find((x) => x.id === ref.id);
      return ref.kind === 'contact' && c?.companyIds.length === 0 && new Set(clientFacts(s, ref).deals.map((d) => d.fields[MOCK_FIELDS.product])).size > 1;
    }
    case 'b2bCompanySeveralManagers': {
      const f = clientFacts(s, ref);
      const company = all<{ id: string; contactIds: string[] }>(s, 'company').find((c) => c.id === ref.id);
      return ref.kind === 'company' && (company?.contactIds.length ?? 0) >= 2 && new Set(f.deals.map((d) => d.responsibleId)).size >= 2;
    }
    case 'contactInSeveralCompanies':
      return (all<{ id: string; companyIds: string[] }>(s, 'contact').find((c) => c.id === ref.id)?.companyIds.length ?? 0) >= 2;
    case 'companyBranch':
      return all<{ id: string; parentCompanyId?: string }>(s, 'company').find((c) => c.id === ref.id)?.parentCompanyId !== undefined;
    case 'payerOften': {
      const p = clientFacts(s, ref).payments;
      return p.length >= 3 && Math.max(...p.map((x) => x.paidAt)) > now - 200 * DAY;
    }
    case 'payerOnce':
      return clientFacts(s, ref).payments.length === 1;
    case 'payerSleeping': {
      const p = clientFacts(s, ref).payments;
      const last = Math.max(...p.map((x) => x.paidAt));
      return p.length > 0 && last < now - 200 * DAY && last > now - 365 * DAY;
    }
    case 'payerLongAgo': {
      const p = clientFacts(s, ref).payments;
      return p.length > 0 && Math.max(...p.map((x) => x.paidAt)) < now - 365 * DAY;
    }
    case 'requestsOnly': {
      const f = clientFacts(s, ref);
      return f.payments.length === 0 && f.deals.length > 0 && f.deals.some((d) => d.stageSemantics === 'process') && f.invoices.length > 0;
    }
    case 'invoiceOnly': {
      const f = clientFacts(s, ref);
      return f.payments.length === 0 && f.deals.length === 0 && f.invoices.length > 0;
    }
    case 'dialogsOnly': {
      const f = clientFacts(s, ref);
      return f.deals.length + f.invoices.length + f.payments.length === 0 && dialogs(f).length > 0;
    }
    case 'contactDataOnly':
    case 'requisitesOnly': {
      const f = clientFacts(s, ref);
      const card = f.card as { comms: unknown[]; hasRequisites: boolean };
      const empty = f.deals.length + f.invoices.length + f.payments.length + f.activities.length + f.leads.length === 0;
      return empty && (name === 'contactDataOnly' ? card.comms.length > 0 : card.comms.length === 0 && card.hasRequisites);
    }
    case 'nothing': {
      const f = clientFacts(s, ref);
      return !f.hasData && f.deals.length + f.invoices.length + f.payments.length + f.activities.length + f.leads.length === 0;
    }
    case 'leadsOnly': {
      const f = clientFacts(s, ref);
      return f.leads.length > 0 && f.deals.length + f.invoices.length + f.payments.length + f.activities.length === 0;
    }
    case 'prolongationChain': {
      const chain = s.situations.prolongationChain.map((r) => deal(r.id) as Deal);
      const client = new Set(chain.map((d) => (d.companyId ? `company:${d.companyId}` : `contact:${d.contactIds[0]}`)));
      const product = new Set(chain.map((d) => d.fields[MOCK_FIELDS.product]));
      const years = new Set(chain.map((d) => String(d.fields[MOCK_FIELDS.policyEnd]).slice(0, 4)));
      return chain.length >= 3 && client.size === 1 && product.size === 1 && years.size >= 3 && chain.slice(1).every((d) => d.fields[MOCK_FIELDS.registryType] === 'prolongation');
    }
    case 'crossSale': {
      const d = deal(ref.id) as Deal;
      const client = (x: Deal) => (x.companyId ? `company:${x.companyId}` : `contact:${x.contactIds[0]}`);
      const earlier = all<Deal>(s, 'deal').filter((x) => client(x) === client(d) && x.stageSemantics === 'success' && (x.closedAt ?? 0) < d.createdAt);
      return d.stageSemantics === 'success' && earlier.length > 0 && !earlier.some((x) => x.fields[MOCK_FIELDS.product] === d.fields[MOCK_FIELDS.product]);
    }
    case 'prolongationUpcoming':
    case 'prolongationOverdueCall': {
      const d = deal(ref.id) as Deal;
      const call = all<Activity>(s, 'activity').find((a) => a.kind === 'call' && a.direction === 'outgoing' && !a.completed && a.deadline !== undefined && a.bindings.some((b) => b.kind === 'deal' && b.id === d.id));
      const upcoming = name === 'prolongationUpcoming';
      return d.stageId === 'NEW' && d.fields[MOCK_FIELDS.registryType] === 'prolongation' && d.fields[MOCK_FIELDS.period] !== null && call !== undefined && (upcoming ? (call.deadline as number) > now && d.createdAt < now : (call.deadline as number) < now);
    }
    case 'plannedCall': {
      const a = activity(ref.id) as Activity;
      return a.kind === 'call' && a.direction === 'outgoing' && !a.completed && (a.deadline as number) > now && a.bindings.some((b) => b.kind === 'deal');
    }
    case 'overdueTask': {
      const a = activity(ref.id) as Activity;
      return (a.kind === 'task' || a.kind === 'todo') && !a.completed && (a.deadline as number) < now;
    }
    case 'plannedTask': {
      const a = activity(ref.id) as Activity;
      return (a.kind === 'task' || a.kind === 'todo') && !a.completed && (a.deadline as number) > now;
    }
    case 'authorNotResponsible': {
      const a = activity(ref.id) as Activity;
      return a.authorId !== undefined && a.authorId !== a.responsibleId;
    }
    case 'partialPayment':
      return all<{ invoiceId?: string }>(s, 'payment').filter((p) => p.invoiceId === ref.id).length === 2;
    case 'employeeNameOnly': {
      const e = all<{ id: string; name: string; departmentIds: string[]; position?: string; phone?: string; photoUrl?: string }>(s, 'employee').find((x) => x.id === ref.id);
      return !!e?.name && e.departmentIds.length === 0 && !e.position && !e.phone && !e.photoUrl;
    }
    case 'twoLevelApartment':
      return apartment(ref.id)?.floorSpan === 2;
    case 'mergedUnit':
      return (apartment(ref.id)?.columnSpan ?? 1) > 1;
    case 'commercialUnit':
      return apartment(ref.id)?.type === 'commercial';
    case 'sectionMissingFloor':
      return all<{ id: string; sections: { floors: number[] }[] }>(s, 'building').find((b) => b.id === ref.id)?.sections.some((x) => !x.floors.includes(13) && x.floors.some((f) => f > 13)) === true;
    case 'bookedApartment': {
      const a = apartment(ref.id);
      return a?.status === 'booked' && (a.booking?.expiresAt ?? 0) > now;
    }
    case 'expiredHold': {
      const a = apartment(ref.id);
      return a?.status === 'booked' && (a.booking?.expiresAt ?? Infinity) <= now;
    }
    case 'paidBookingApartment': {
      const a = apartment(ref.id);
      return a?.status === 'paid-booking' && a.booking?.paid === true && a.booking.price !== undefined;
    }
    case 'bookingOnBreak':
    case 'bookingOnDayOff': {
      const b = booking(ref.id) as Booking;
      const r = all<{ id: string; schedule: { days: Record<number, { breaks: { start: string; end: string }[] }> }; exceptions: { date: string; hours: null | object }[] }>(s, 'resource').find((x) => x.id === b.resourceId);
      const local = new Date(b.start + 3 * 3_600_000);
      const weekday = local.getUTCDay() === 0 ? 7 : local.getUTCDay();
      const hhmm = local.toISOString().slice(11, 16);
      const date = local.toISOString().slice(0, 10);
      if (!r || b.status !== 'active') return false;
      if (name === 'bookingOnBreak') return r.schedule.days[weekday]?.breaks.some((x) => x.start <= hhmm && hhmm < x.end) === true;
      return r.schedule.days[weekday] === undefined || r.exceptions.some((e) => e.date === date && e.hours === null);
    }
    case 'resourceException':
      return (all<{ id: string; exceptions: unknown[] }>(s, 'resource').find((r) => r.id === ref.id)?.exceptions.length ?? 0) > 0;
  }
}

describe('mock CRM generator', () => {
  it('is deterministic: the same seed and now give the same JSON', () => {
    const again = generateMockCrm({ scale: 'small', seed: 1, now: NOW });
    assert.equal(JSON.stringify(again), JSON.stringify(small));
  });

  it('gives different data for a different seed', () => {
    const other = generateMockCrm({ scale: 'small', seed: 2, now: NOW });
    assert.notEqual(JSON.stringify(other.entities.deal), JSON.stringify(small.entities.deal));
    assert.notEqual(JSON.stringify(other.entities.contact), JSON.stringify(small.entities.contact));
  });

  it('produces the same data asynchronously, in slices', async () => {
    let reports = 0;
    const async = await generateMockCrmAsync({ scale: 'small', seed: 1, now: NOW }, { sliceMs: 0, onProgress: () => reports++ });
    assert.equal(JSON.stringify(async), JSON.stringify(small));
    assert.ok(reports > 1);
  });

  it('stops when aborted', async () => {
    const ctrl = new AbortController();
    const p = generateMockCrmAsync({ scale: 'default', seed: 1, now: NOW }, { signal: ctrl.signal, sliceMs: 0 });
    ctrl.abort();
    await assert.rejects(p, (e: Error) => e.name === 'AbortError');
  });

  for (const [label, snapshot] of [['small', small], ['default', defaultScale]] as const) {
    it(`has every named situation at ${label} scale, verified in the data`, () => {
      const failing = MOCK_SITUATION_NAMES.filter((n) => !holds(snapshot, n));
      assert.deepEqual(failing, []);
    });
  }

  it('has every situation at other seeds and another now too', () => {
    for (const seed of [2, 3, 42]) {
      const s = generateMockCrm({ scale: 'small', seed, now: Date.UTC(2027, 2, 1, 6) });
      const failing = MOCK_SITUATION_NAMES.filter((n) => !holds(s, n));
      assert.deepEqual(failing, [], `seed ${seed}`);
    }
  });

  it('keeps client fixture ids the same at every seed and scale', () => {
    const other = generateMockCrm({ scale: 'small', seed: 9, now: NOW });
    for (const n of ['b2cContact', 'b2bCompanySeveralManagers', 'payerOnce', 'nothing', 'leadsOnly'] as const) {
      assert.deepEqual(other.situations[n][0], small.situations[n][0], n);
      assert.deepEqual(defaultScale.situations[n][0], small.situations[n][0], n);
    }
  });

  for (const [label, snapshot] of [['small', small], ['default', defaultScale]] as const) {
    it(`hits the ${label} scale's targets within ±10 %`, () => {
      const t = MOCK_SCALE_TARGETS[label];
      const contacts = snapshot.entities.contact ?? [];
      const clients = (snapshot.entities.company ?? []).length + contacts.filter((c) => c.companyIds.length === 0).length;
      const within = (actual: number, target: number, what: string) => assert.ok(Math.abs(actual - target) <= target * 0.1, `${what}: ${actual} vs ${target}`);
      within(clients, t.clients, 'clients');
      within(snapshot.entities.deal?.length ?? 0, t.deals, 'deals');
      within(snapshot.entities.activity?.length ?? 0, t.activities, 'activities');
      within(snapshot.entities.employee?.length ?? 0, t.employees, 'employees');
    });
  }

  it('keeps records consistent: every deal has a NEW-first stage history; bindings point at existing records', () => {
    const s = defaultScale;
    const moves = new Map<string, { stageId: string; at: number }[]>();
    for (const m of s.entities.stageMove ?? []) {
      const list = moves.get(m.dealId) ?? [];
      list.push(m);
      moves.set(m.dealId, list);
    }
    for (const d of s.entities.deal ?? []) {
      const list = moves.get(d.id);
      assert.ok(list && list[0]?.stageId === 'NEW', `deal ${d.id} starts in NEW`);
      assert.equal(list[list.length - 1]?.stageId, d.stageId, `deal ${d.id} ends in its stage`);
      assert.ok(list.every((m, i) => i === 0 || m.at >= (list[i - 1]?.at ?? 0)), `deal ${d.id} moves in time order`);
    }
    const ids = { contact: new Set(s.entities.contact?.map((c) => c.id)), company: new Set(s.entities.company?.map((c) => c.id)), deal: new Set(s.entities.deal?.map((c) => c.id)) };
    for (const a of s.entities.activity ?? []) {
      for (const b of a.bindings) assert.ok(ids[b.kind as keyof typeof ids]?.has(b.id), `activity ${a.id} binding ${b.kind}:${b.id}`);
      assert.ok(activityTime(a) > 0);
    }
  });

  it('models the insurer: custom-field filters find prolongations of a Период, with labels for every option used', () => {
    const s = defaultScale;
    const defs = s.entities.fieldDefinition ?? [];
    const period = defs.find((d) => d.code === MOCK_FIELDS.period);
    assert.equal(period?.type, 'enumeration');
    for (const code of Object.values(MOCK_FIELDS).filter((c) => c !== MOCK_FIELDS.policyEnd && c !== MOCK_FIELDS.staff && c !== MOCK_FIELDS.segment)) {
      const def = defs.find((d) => d.code === code);
      assert.ok(def?.options?.length, code);
      const used = new Set((s.entities.deal ?? []).map((d) => d.fields[code]).filter((v) => v !== null));
      for (const v of used) assert.ok(def.options.some((o) => o.id === v), `${code} option ${String(v)} has a label`);
    }
    const nextMonth = new Date(NOW + 3 * 3_600_000);
    const key = `${nextMonth.getUTCFullYear()}-${String(nextMonth.getUTCMonth() + 2).padStart(2, '0')}`;
    const upcoming = (s.entities.deal ?? []).filter((d) =>
      matchesFilter(d, [
        { field: `fields.${MOCK_FIELDS.period}`, op: 'eq', value: key },
        { field: `fields.${MOCK_FIELDS.registryType}`, op: 'eq', value: 'prolongation' },
      ]),
    );
    assert.ok(upcoming.length > 20, `prolongations of ${key}: ${upcoming.length}`);
    assert.ok(upcoming.every((d) => d.createdAt <= NOW));
    const sellers = (s.entities.employee ?? []).filter((e) => e.monthlyQuota !== undefined);
    assert.ok(sellers.length >= 20 && sellers.every((e) => (e.monthlyQuota as number) >= 100 && (e.monthlyQuota as number) <= 300));
  });

  it('gives employees inline avatars and safe record links', () => {
    for (const e of defaultScale.entities.employee ?? []) {
      if (e.photoUrl) assert.match(e.photoUrl, /^data:image\/svg\+xml;charset=utf-8,/);
    }
    for (const d of defaultScale.entities.deal ?? []) assert.match(d.url ?? '', /^#\/crm\/deal\/\d+$/);
    for (const a of defaultScale.entities.apartment ?? []) assert.match(a.layoutUrl ?? '', /^data:image\/svg\+xml/);
  });
});

describe('snapshot parsing', () => {
  const ok = { format: 'crmkit-snapshot', version: 1, entities: { deal: [] } };
  it('accepts a generated snapshot after a JSON round trip', () => {
    const s = loadSnapshot(JSON.stringify(small));
    assert.equal(s.entities.deal?.length, small.entities.deal?.length);
  });
  const bad: [string, unknown, RegExp][] = [
    ['not JSON', '{"format":', /not valid JSON/],
    ['an array', [], /not a JSON object/],
    ['a wrong format', { ...ok, format: 'x' }, /"format" must be "crmkit-snapshot"/],
    ['a wrong version', { ...ok, version: 2 }, /unsupported "version"/],
    ['no entities', { format: 'crmkit-snapshot', version: 1 }, /"entities" must be an object/],
    ['an unknown entity', { ...ok, entities: { deals: [] } }, /entities\.deals is not a known entity/],
    ['a list that is not an array', { ...ok, entities: { deal: {} } }, /entities\.deal must be an array/],
    ['a record without id', { ...ok, entities: { deal: [{ title: 'x' }] } }, /entities\.deal\[0\] has no string "id"/],
    ['a numeric id', { ...ok, entities: { deal: [{ id: 5 }] } }, /has no string "id"/],
    ['a repeated id', { ...ok, entities: { contact: [{ id: '1' }, { id: '1' }] } }, /entities\.contact\[1\] repeats id "1"/],
    ['an ISO date instead of ms', { ...ok, entities: { deal: [{ id: '1', createdAt: '2024-01-01' }] } }, /entities\.deal\[0\]\.createdAt must be epoch milliseconds/],
  ];
  for (const [what, input, message] of bad) {
    it(`refuses ${what} with a clear message`, () => {
      assert.throws(
        () => loadSnapshot(typeof input === 'string' ? input : JSON.stringify(input)),
        (e: Error & { code?: string }) => e.name === 'CrmError' && e.code === 'bad-response' && message.test(e.message),
      );
      if (typeof input !== 'string') assert.throws(() => parseSnapshot(input), message);
    });
  }
});

describe('SNAPSHOT.md', () => {
  it('has a complete example that loads and lists every entity of the model', async () => {
    const { readFileSync } = await import('node:fs');
    const { ENTITY_NAMES } = await import('@crmkit/core');
    const md = readFileSync(new URL('../SNAPSHOT.md', import.meta.url), 'utf8');
    const json = /```json\n([\s\S]*?)```/.exec(md)?.[1];
    assert.ok(json, 'the example block');
    const s = loadSnapshot(json);
    assert.deepEqual(Object.keys(s.entities).sort(), [...ENTITY_NAMES].sort());
    for (const name of ENTITY_NAMES) assert.match(md, new RegExp(`\\*\\*\`${name}\`\\*\\*`), `SNAPSHOT.md documents ${name}`);
  });
});
