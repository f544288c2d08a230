import type {
  Activity,
  ActivityKind,
  Booking,
  BookingResource,
  Company,
  CommValue,
  Contact,
  Deal,
  Department,
  Direction,
  Employee,
  FieldDefinition,
  FieldValues,
  Funnel,
  Id,
  Invoice,
  InvoiceStatus,
  Lead,
  Payment,
  Product,
  RecordRef,
  Stage,
  StageMove,
} from '@crmkit/core';
import type { CrmSnapshot } from '../snapshot.js';
import {
  CITIES,
  COMPANY_FORMS,
  COMPANY_STEMS,
  COMPANY_SUFFIXES,
  FEMALE_FIRST,
  INDUSTRIES,
  MALE_FIRST,
  MESSENGER_CHANNELS,
  MONTHS_NOMINATIVE,
  OPEN_LINE_CHANNELS,
  PATRONYMICS_FEMALE,
  PATRONYMICS_MALE,
  PRODUCTS,
  SUBJECTS,
  SURNAMES,
  feminineSurname,
  translit,
  type ProductSpec,
} from './dictionaries.js';
import { generateEstate, type EstateData } from './estate.js';
import { avatarDataUrl } from './images.js';
import { Random } from './random.js';
import { generateResources } from './resources.js';
import { MOCK_SITUATION_NAMES, type MockSituationMap, type MockSituationName } from './situations.js';
import { DAY, HOUR, MINUTE, MOCK_TIME_ZONE, addYears, calendarDate, monthKey, msk, startOfMonth, wall, workingDayAt } from './time.js';

export const MOCK_SCALES = ['small', 'default', 'large'] as const;
export type MockScale = (typeof MOCK_SCALES)[number];

/** What each scale aims at; tests hold small and default within ±10 %. */
export const MOCK_SCALE_TARGETS: Readonly<Record<MockScale, { clients: number; deals: number; activities: number; employees: number }>> = {
  small: { clients: 50, deals: 215, activities: 1_300, employees: 22 },
  default: { clients: 2_000, deals: 10_000, activities: 60_000, employees: 40 },
  large: { clients: 50_000, deals: 250_000, activities: 1_000_000, employees: 400 },
};

export interface MockCrmOptions {
  readonly scale?: MockScale;
  /** Same seed and `now` give the same JSON, byte for byte. Default 1. */
  readonly seed?: number;
  /**
   * The instant the data is generated for: "overdue", "upcoming" and "sleeping" are relative to
   * it. Default: the start of the current hour, so a page generates the same data for an hour.
   */
  readonly now?: number;
}

export interface MockGenerationProgress {
  /** Clients generated so far (the bulk of the work), then `total` once finished. */
  readonly loaded: number;
  readonly total: number;
}

export interface MockGenerateAsyncOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: MockGenerationProgress) => void;
  /**
   * Longest run of work between two yields to the event loop, in ms. Default 10: a slice plus
   * a young-generation GC stays far below the 200 ms budget even when the page shares a busy
   * CPU (wall time then stretches several times over the slice's CPU time).
   */
  readonly sliceMs?: number;
}

/** A generated snapshot: the JSON format plus where each named situation can be found. */
export interface MockCrmSnapshot extends CrmSnapshot {
  readonly situations: MockSituationMap;
  readonly seed: number;
  readonly scale: MockScale;
}

export const MOCK_ORIGIN = 'mock://crmkit';

// --- Dictionaries of the mock portal ---------------------------------------------------------

export const MOCK_FUNNEL_ID = '0';
const STAGE_DEFS: readonly (readonly [string, string, number, Stage['semantics'], string])[] = [
  ['NEW', 'Новая', 10, 'process', '#39a8ef'],
  ['PREPARATION', 'Первичный контакт', 20, 'process', '#2fc6f6'],
  ['PREPAYMENT_INVOICE', 'Расчёт и предложение', 30, 'process', '#55d0e0'],
  ['EXECUTING', 'Согласование условий', 40, 'process', '#47e4c2'],
  ['FINAL_INVOICE', 'Выставлен счёт', 50, 'process', '#ffa900'],
  ['WON', 'Полис оформлен', 60, 'success', '#7bd500'],
  ['LOSE', 'Отказ', 70, 'failure', '#ff5752'],
];
const STAGES: readonly Stage[] = STAGE_DEFS.map(([id, name, sort, semantics, color]) => ({ id, funnelId: MOCK_FUNNEL_ID, name, sort, semantics, color }));
const PROCESS_STAGES = STAGES.filter((s) => s.semantics === 'process');
const WON = STAGES[5] as Stage;
const LOSE = STAGES[6] as Stage;

/** Custom fields of the insurer's deals, by code. */
export const MOCK_FIELDS = {
  period: 'UF_CRM_PERIOD',
  branch: 'UF_CRM_BRANCH',
  channel: 'UF_CRM_CHANNEL',
  product: 'UF_CRM_PRODUCT',
  registryType: 'UF_CRM_REGISTRY_TYPE',
  policyEnd: 'UF_CRM_POLICY_END',
  segment: 'UF_CRM_SEGMENT',
  staff: 'UF_CRM_STAFF',
} as const;

const BRANCHES = [
  { id: 'msk', label: 'Москва', city: CITIES[0], weight: 4 },
  { id: 'spb', label: 'Санкт-Петербург', city: CITIES[1], weight: 2 },
  { id: 'kzn', label: 'Казань', city: CITIES[2], weight: 1.2 },
  { id: 'nsk', label: 'Новосибирск', city: CITIES[3], weight: 1 },
  { id: 'ekb', label: 'Екатеринбург', city: CITIES[4], weight: 1 },
] as const;
const CHANNELS = [
  { id: 'agent', label: 'Агентская сеть' },
  { id: 'direct', label: 'Прямые продажи' },
  { id: 'bank', label: 'Банк-партнёр' },
  { id: 'online', label: 'Сайт и онлайн' },
  { id: 'callcenter', label: 'Колл-центр' },
] as const;
/** Тип реестра option ids. */
export const REGISTRY_TYPES = [
  { id: 'prolongation', label: 'Пролонгация' },
  { id: 'new-warm', label: 'Новый бизнес — тёплый' },
  { id: 'new-cold', label: 'Новый бизнес — холодный' },
  { id: 'cross-sale', label: 'Кросс-продажа' },
] as const;
type RegistryType = (typeof REGISTRY_TYPES)[number]['id'];
const SEGMENTS = [
  { id: 'vip', label: 'VIP' },
  { id: 'standard', label: 'Стандарт' },
  { id: 'new', label: 'Новый' },
] as const;

// --- Client profiles -------------------------------------------------------------------------

type Profile = 'often' | 'once' | 'sleeping' | 'longAgo' | 'requests' | 'invoiceOnly' | 'dialogs' | 'contacts' | 'nothing' | 'leads';
const PROFILES: readonly Profile[] = ['often', 'once', 'sleeping', 'longAgo', 'requests', 'invoiceOnly', 'dialogs', 'contacts', 'nothing', 'leads'];
const PROFILE_WEIGHTS: readonly number[] = [0.33, 0.12, 0.06, 0.07, 0.15, 0.02, 0.08, 0.08, 0.04, 0.05];

interface Fixture {
  readonly profile: Profile;
  readonly company: boolean;
  readonly contacts?: number;
  readonly requisitesOnly?: boolean;
  readonly situations: readonly MockSituationName[];
}

/** The first clients, same at every seed and scale, each showing one situation for sure. */
const FIXTURES: readonly Fixture[] = [
  { profile: 'often', company: false, situations: ['b2cContact', 'payerOften'] },
  { profile: 'often', company: true, contacts: 4, situations: ['b2bCompanySeveralManagers'] },
  { profile: 'requests', company: true, contacts: 2, situations: ['companyBranch', 'contactInSeveralCompanies'] },
  { profile: 'once', company: false, situations: ['payerOnce'] },
  { profile: 'sleeping', company: false, situations: ['payerSleeping'] },
  { profile: 'longAgo', company: false, situations: ['payerLongAgo'] },
  { profile: 'requests', company: false, situations: ['requestsOnly'] },
  { profile: 'invoiceOnly', company: false, situations: ['invoiceOnly'] },
  { profile: 'dialogs', company: false, situations: ['dialogsOnly'] },
  { profile: 'contacts', company: false, situations: ['contactDataOnly'] },
  { profile: 'contacts', company: true, contacts: 0, requisitesOnly: true, situations: ['requisitesOnly'] },
  { profile: 'nothing', company: false, situations: ['nothing'] },
  { profile: 'leads', company: false, situations: ['leadsOnly'] },
];

interface Scale {
  readonly clients: number;
  readonly employees: number;
  /** Multiplies the follow-up activities per deal and the dialogs per client. */
  readonly activityDensity: number;
}
const SCALE_SPECS: Record<MockScale, Scale> = {
  small: { clients: 50, employees: 22, activityDensity: 1.25 },
  default: { clients: 2_000, employees: 40, activityDensity: 1.25 },
  large: { clients: 50_000, employees: 400, activityDensity: 0.72 },
};

// --- Mutable shapes while generating (records are readonly in the model) ----------------------

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface ClientCtx {
  readonly index: number;
  readonly profile: Profile;
  readonly branch: (typeof BRANCHES)[number];
  readonly ref: RecordRef;
  readonly company?: Mutable<Company>;
  readonly contacts: Mutable<Contact>[];
  /** Who the client's deals are bound to. */
  readonly bindings: readonly RecordRef[];
  readonly sellers: readonly Employee[];
  readonly name: string;
  lastEventAt: number;
}

const EMPTY_FIELDS: FieldValues = Object.freeze({});

class CrmGenerator {
  readonly rnd: Random;
  readonly now: number;
  readonly scale: Scale;
  readonly scaleName: MockScale;

  readonly departments: Department[] = [];
  readonly employees: Employee[] = [];
  readonly contacts: Contact[] = [];
  readonly companies: Company[] = [];
  readonly leads: Lead[] = [];
  readonly deals: Deal[] = [];
  readonly stageMoves: StageMove[] = [];
  readonly invoices: Invoice[] = [];
  readonly payments: Payment[] = [];
  readonly activities: Activity[] = [];
  readonly situations: Record<MockSituationName, RecordRef[]>;

  private sellersByBranch = new Map<string, Employee[]>();
  private headByBranch = new Map<string, Employee>();
  private nameOnly!: Employee;
  private seq = { contact: 0, company: 0, lead: 0, deal: 0, stageMove: 0, invoice: 0, payment: 0, activity: 0 };
  private profiles: Profile[] = [];

  constructor(options: MockCrmOptions) {
    this.scaleName = options.scale ?? 'default';
    this.scale = SCALE_SPECS[this.scaleName];
    this.rnd = new Random(options.seed ?? 1);
    this.now = options.now ?? Math.floor(Date.now() / HOUR) * HOUR;
    this.situations = Object.fromEntries(MOCK_SITUATION_NAMES.map((n) => [n, []])) as unknown as Record<MockSituationName, RecordRef[]>;
  }

  private strings = new Map<string, string>();
  /** One copy of each repeated string (month keys, dates), to keep the large scale small. */
  cached(s: string): string {
    const hit = this.strings.get(s);
    if (hit !== undefined) return hit;
    this.strings.set(s, s);
    return s;
  }

  note(name: MockSituationName, ref: RecordRef): void {
    const list = this.situations[name];
    if (list.length < 5 && !list.some((r) => r.kind === ref.kind && r.id === ref.id)) list.push(ref);
  }

  // --- People of the portal ------------------------------------------------------------------

  person(rnd: Random, female: boolean): { first: string; last: string; middle: string } {
    const last = rnd.pick(SURNAMES);
    return female
      ? { first: rnd.pick(FEMALE_FIRST), last: feminineSurname(last), middle: rnd.pick(PATRONYMICS_FEMALE) }
      : { first: rnd.pick(MALE_FIRST), last, middle: rnd.pick(PATRONYMICS_MALE) };
  }

  phone(): string {
    const r = this.rnd;
    return `+7 (9${r.digits(2)}) ${r.digits(3)}-${r.digits(2)}-${r.digits(2)}`;
  }

  makeStaff(): void {
    const d = (id: string, name: string, parentId?: string) => {
      this.departments.push({ id, name, ...(parentId ? { parentId } : {}) });
    };
    d('1', 'Страховая группа «Надёжный щит»');
    d('2', 'Отдел продаж, Москва', '1');
    d('3', 'Филиал «Санкт-Петербург»', '1');
    d('4', 'Филиал «Казань»', '1');
    d('5', 'Филиал «Новосибирск»', '1');
    d('6', 'Филиал «Екатеринбург»', '1');
    d('7', 'Колл-центр', '1');
    d('8', 'Ипотечный центр', '1');
    d('9', 'Отдел продаж недвижимости', '1');
    d('10', 'Бухгалтерия', '1');
    const branchDept: Record<string, string> = { msk: '2', spb: '3', kzn: '4', nsk: '5', ekb: '6' };

    let n = 0;
    const add = (deptId: string | undefined, position: string, extra: Partial<Employee> = {}): Employee => {
      n++;
      const female = this.rnd.chance(0.5);
      const p = this.person(this.rnd, female);
      const login = `${translit(p.first).charAt(0)}.${translit(p.last)}`;
      const e: Employee = {
        id: String(n),
        name: `${p.first} ${p.last}`,
        firstName: p.first,
        lastName: p.last,
        secondName: p.middle,
        departmentIds: deptId ? [deptId] : [],
        position,
        photoUrl: avatarDataUrl(`${p.first.charAt(0)}${p.last.charAt(0)}`, n),
        phone: this.phone(),
        email: `${login}@shield-insurance.example`,
        active: true,
        ...extra,
      };
      this.employees.push(e);
      return e;
    };
    const ceo = add('1', 'Генеральный директор');
    const headSales = add('2', 'Руководитель отдела продаж');
    this.headByBranch.set('msk', headSales);
    for (const b of BRANCHES.slice(1)) this.headByBranch.set(b.id, add(branchDept[b.id], 'Директор филиала'));
    add('7', 'Руководитель колл-центра');
    add('8', 'Ипотечный брокер');
    add('8', 'Ипотечный брокер');
    add('9', 'Менеджер по продажам недвижимости');
    add('9', 'Менеджер по продажам недвижимости');
    add('9', 'Руководитель отдела продаж недвижимости');
    add('10', 'Главный бухгалтер');
    // Head of each department.
    for (const dep of this.departments) {
      const head = this.employees.find((e) => e.departmentIds[0] === dep.id);
      if (head) (dep as Mutable<Department>).headId = head.id;
    }
    (this.departments[0] as Mutable<Department>).headId = ceo.id;

    const sellersTotal = this.scale.employees - n - 1;
    for (let i = 0; i < sellersTotal; i++) {
      const branch = i < BRANCHES.length ? (BRANCHES[i] as (typeof BRANCHES)[number]) : this.rnd.weighted(BRANCHES, BRANCHES.map((b) => b.weight));
      const callCentre = i >= BRANCHES.length && this.rnd.chance(0.12);
      const e = add(callCentre ? '7' : branchDept[branch.id], callCentre ? 'Оператор колл-центра' : this.rnd.chance(0.25) ? 'Старший менеджер по продажам' : 'Менеджер по продажам', {
        monthlyQuota: 100 + 50 * this.rnd.int(0, 4),
        // A few sellers left the company; their old deals stay theirs.
        active: !(i >= BRANCHES.length && this.rnd.chance(0.06)),
      });
      const list = this.sellersByBranch.get(branch.id) ?? [];
      list.push(e);
      this.sellersByBranch.set(branch.id, list);
    }
    // The CRM knows this one by name only: a fired employee whose card was cleaned up.
    n++;
    this.nameOnly = { id: String(n), name: 'Григорий Лапин', departmentIds: [], active: false };
    this.employees.push(this.nameOnly);
    this.note('employeeNameOnly', { kind: 'employee', id: this.nameOnly.id });
  }

  // --- Clients -------------------------------------------------------------------------------

  planProfiles(): void {
    const rest = this.scale.clients - FIXTURES.length;
    const list: Profile[] = [];
    PROFILES.forEach((p, i) => {
      const count = Math.round(rest * (PROFILE_WEIGHTS[i] as number));
      for (let k = 0; k < count; k++) list.push(p);
    });
    while (list.length < rest) list.push('often');
    list.length = rest;
    this.profiles = this.rnd.shuffle(list);
  }

  comms(name: { first: string; last: string }, opts: { phone: number; email: number; im: number; web?: string; domain?: string; office?: boolean }): CommValue[] {
    const r = this.rnd;
    const out: CommValue[] = [];
    if (r.chance(opts.phone)) out.push({ type: 'phone', value: this.phone(), valueType: opts.office ? 'WORK' : 'MOBILE' });
    if (r.chance(opts.phone * 0.15)) out.push({ type: 'phone', value: this.phone(), valueType: 'WORK' });
    if (r.chance(opts.email)) {
      const login = opts.office ? r.pick(['info', 'office', 'zakaz', 'buh']) : `${translit(name.first)}.${translit(name.last)}${r.chance(0.3) ? r.int(1, 99) : ''}`;
      out.push({ type: 'email', value: `${login}@${opts.domain ?? r.pick(['mail.example', 'inbox.example', 'post.example'])}`, valueType: 'WORK' });
    }
    if (r.chance(opts.im)) out.push({ type: 'im', value: `@${translit(name.first)}_${translit(name.last)}`, valueType: 'TELEGRAM' });
    if (opts.web) out.push({ type: 'web', value: opts.web, valueType: 'WORK' });
    return out;
  }

  newContact(responsibleId: Id, createdAt: number, withData: boolean, companyIds: Id[], rich = false): Mutable<Contact> {
    const female = this.rnd.chance(0.5);
    const p = this.person(this.rnd, female);
    const id = String(++this.seq.contact);
    const comms = withData ? this.comms(p, { phone: rich ? 1 : 0.85, email: rich ? 1 : 0.55, im: 0.2 }) : [];
    const c: Mutable<Contact> = {
      id,
      kind: 'contact',
      name: `${p.last} ${p.first} ${p.middle}`,
      firstName: p.first,
      lastName: p.last,
      companyIds,
      responsibleId,
      createdById: responsibleId,
      createdAt,
      modifiedAt: createdAt,
      comms,
      hasRequisites: false,
      fields: withData && this.rnd.chance(0.5) ? { [MOCK_FIELDS.segment]: this.rnd.pick(SEGMENTS).id } : EMPTY_FIELDS,
      url: `#/crm/contact/${id}`,
    };
    if (withData && this.rnd.chance(0.4)) {
      c.birthday = `${this.rnd.int(1955, 2003)}-${String(this.rnd.int(1, 12)).padStart(2, '0')}-${String(this.rnd.int(1, 28)).padStart(2, '0')}`;
    }
    this.contacts.push(c);
    return c;
  }

  companyTitle(): string {
    const form = this.rnd.pick(COMPANY_FORMS);
    if (form === 'ИП') {
      const p = this.person(this.rnd, this.rnd.chance(0.4));
      return `ИП ${p.last} ${p.first.charAt(0)}. ${p.middle.charAt(0)}.`;
    }
    return `${form} «${this.rnd.pick(COMPANY_STEMS)}${this.rnd.pick(COMPANY_SUFFIXES)}»`;
  }

  sellerFor(branch: string): Employee {
    const list = this.sellersByBranch.get(branch) ?? this.sellersByBranch.get('msk') ?? [];
    return this.rnd.pick(list);
  }

  makeClient(index: number, fixture: Fixture | undefined, profile: Profile): ClientCtx {
    const r = this.rnd;
    const isCompany = fixture ? fixture.company : r.chance(0.25);
    const branch = index === 2 ? (BRANCHES[1] as (typeof BRANCHES)[number]) : r.weighted(BRANCHES, BRANCHES.map((b) => b.weight));
    const primary = this.sellerFor(branch.id);
    const sellers: Employee[] = [primary];
    const withData = profile !== 'nothing' && !fixture?.requisitesOnly;
    // Card creation: up to six years back; clients with a history start before it.
    const createdAt = this.now - r.int(30, 6 * 365) * DAY - r.int(0, 10 * 60) * MINUTE;

    if (!isCompany) {
      const c = this.newContact(primary.id, createdAt, withData || profile === 'dialogs', [], profile === 'contacts');
      const ref: RecordRef = Object.freeze({ kind: 'contact', id: c.id });
      return { index, profile, branch, ref, contacts: [c], bindings: Object.freeze([ref]), sellers, name: c.name, lastEventAt: createdAt };
    }

    const id = String(++this.seq.company);
    const title = this.companyTitle();
    const slug = translit(title.replace(/^(ООО|АО|ПАО|ИП)\s*/, '')) || `company-${id}`;
    const web = withData && r.chance(0.6) ? `https://${slug}.example` : undefined;
    const company: Mutable<Company> = {
      id,
      kind: 'company',
      title,
      contactIds: [],
      industry: r.pick(INDUSTRIES),
      responsibleId: primary.id,
      createdById: primary.id,
      createdAt,
      modifiedAt: createdAt,
      comms: withData ? this.comms({ first: '', last: '' }, { phone: 0.9, email: 0.7, im: 0.05, ...(web ? { web } : {}), domain: `${slug}.example`, office: true }) : [],
      hasRequisites: fixture?.requisitesOnly ? true : withData && r.chance(0.7),
      fields: { [MOCK_FIELDS.staff]: r.int(3, 900) },
      url: `#/crm/company/${id}`,
    };
    this.companies.push(company);
    const ref: RecordRef = Object.freeze({ kind: 'company', id });
    const nContacts = fixture?.contacts ?? (withData ? r.weighted([1, 2, 3, 4, 5], [3, 4, 2, 1, 0.5]) : r.int(0, 1));
    const contacts: Mutable<Contact>[] = [];
    const contactIds: Id[] = [];
    company.contactIds = contactIds;
    // Several managers work a company in parallel: its contacts and deals get other sellers.
    if (fixture?.situations.includes('b2bCompanySeveralManagers') || (nContacts > 2 && r.chance(0.5))) {
      const others = this.sellersByBranch.get(branch.id) ?? [];
      for (const s of others) if (s !== primary && sellers.length < 3) sellers.push(s);
      for (const list of this.sellersByBranch.values()) for (const s of list) if (sellers.length < 2 && s !== primary) sellers.push(s);
    }
    for (let k = 0; k < nContacts; k++) {
      const responsible = sellers[k % sellers.length] as Employee;
      const c = this.newContact(responsible.id, createdAt + k * HOUR, withData, [id]);
      contactIds.push(c.id);
      contacts.push(c);
    }
    return { index, profile, branch, ref, company, contacts, bindings: Object.freeze([ref]), sellers, name: title, lastEventAt: createdAt };
  }

  /** Links fixture 2 to fixture 1: a branch company sharing a contact with its parent. */
  linkCompanies(parent: ClientCtx, branch: ClientCtx): void {
    if (!parent.company || !branch.company) return;
    branch.company.parentCompanyId = parent.company.id;
    branch.company.title = `${parent.company.title}, филиал в г. ${branch.branch.city}`;
    const shared = parent.contacts[0];
    if (shared) {
      shared.companyIds = [...shared.companyIds, branch.company.id];
      branch.company.contactIds = [...branch.company.contactIds, shared.id];
      this.note('contactInSeveralCompanies', { kind: 'contact', id: shared.id });
    }
    this.note('companyBranch', { kind: 'company', id: branch.company.id });
  }

  // --- Deals ---------------------------------------------------------------------------------

  private contactBindingCache = new Map<Id, readonly RecordRef[]>();
  private contactBindings(id: Id): readonly RecordRef[] {
    let b = this.contactBindingCache.get(id);
    if (!b) this.contactBindingCache.set(id, (b = Object.freeze([Object.freeze({ kind: 'contact', id } as RecordRef)])));
    return b;
  }

  bindingsFor(c: ClientCtx, dealId: Id): readonly RecordRef[] {
    const dealRef: RecordRef = Object.freeze({ kind: 'deal', id: dealId });
    const list = c.company && c.contacts[0] ? [dealRef, c.ref, Object.freeze({ kind: 'contact', id: c.contacts[0].id } as RecordRef)] : [dealRef, c.ref];
    return Object.freeze(list);
  }

  activity(
    kind: ActivityKind,
    subject: string,
    bindings: readonly RecordRef[],
    at: number,
    opts: {
      direction?: Direction;
      durationSec?: number;
      channel?: string;
      createdAt?: number;
      deadline?: number;
      completed?: boolean;
      completedAt?: number;
      responsibleId?: Id;
      authorId?: Id;
      description?: string;
    },
  ): Activity {
    const completed = opts.completed ?? true;
    // Only the fields that have a value: a million activities must fit in a browser tab.
    const a: Mutable<Activity> = {
      id: String(++this.seq.activity),
      kind,
      subject,
      createdAt: opts.createdAt ?? at,
      completed,
      responsibleId: opts.responsibleId,
      authorId: opts.authorId ?? opts.responsibleId,
      bindings,
    };
    if (opts.direction) a.direction = opts.direction;
    if (opts.durationSec !== undefined) a.durationSec = opts.durationSec;
    if (opts.channel) a.channel = opts.channel;
    if (opts.description) a.description = opts.description;
    if (at !== a.createdAt) a.startAt = at;
    if (opts.deadline !== undefined) {
      a.deadline = opts.deadline;
      if (completed) {
        a.completedAt = opts.completedAt ?? at;
        if (opts.responsibleId) a.completedById = opts.responsibleId;
      }
    }
    this.activities.push(a);
    return a;
  }

  /** A dialog or event with a client at `at`, of a random kind. */
  dialog(c: ClientCtx, bindings: readonly RecordRef[], at: number, responsibleId: Id): Activity {
    const r = this.rnd;
    const kind = r.weighted<ActivityKind>(['call', 'email', 'messenger', 'open-line'], [5, 3, 1.5, 0.7]);
    const incoming = r.chance(0.45);
    let a: Activity;
    switch (kind) {
      case 'call':
        a = this.activity('call', r.pick(incoming ? SUBJECTS.callIn : SUBJECTS.callOut), bindings, at, {
          direction: incoming ? 'incoming' : 'outgoing',
          durationSec: r.chance(0.15) ? 0 : r.int(15, 900),
          responsibleId,
        });
        break;
      case 'email':
        a = this.activity('email', r.pick(incoming ? SUBJECTS.emailIn : SUBJECTS.emailOut), bindings, at, { direction: incoming ? 'incoming' : 'outgoing', responsibleId });
        break;
      case 'messenger':
        a = this.activity('messenger', r.pick(SUBJECTS.messenger), bindings, at, { direction: 'incoming', channel: r.pick(MESSENGER_CHANNELS), responsibleId });
        break;
      default:
        a = this.activity('open-line', r.pick(SUBJECTS.openLine), bindings, at, { direction: 'incoming', channel: r.pick(OPEN_LINE_CHANNELS), responsibleId });
    }
    if (at > c.lastEventAt) c.lastEventAt = at;
    return a;
  }

  /**
   * One deal with its stage history, invoice, payments and activities.
   * `outcome` is decided by the caller from the client's profile.
   */
  deal(
    c: ClientCtx,
    spec: {
      product: ProductSpec;
      registry: RegistryType | null;
      createdAt: number;
      outcome: 'won' | 'lost' | 'open';
      /** Won/lost: when it closed. Open: the furthest stage reached. */
      closeAt?: number;
      openStage?: number;
      period?: number;
      policyEnd?: number;
      /** Registry deals: the planned first call's deadline and whether it was made. */
      firstCall?: { deadline: number; done: boolean };
      responsible: Employee;
      invoice?: 'paid' | 'partial' | 'sent' | 'cancelled' | 'draft' | 'none';
    },
  ): Deal {
    const r = this.rnd;
    const id = String(++this.seq.deal);
    const bindings = this.bindingsFor(c, id);
    const resp = spec.responsible.id;
    const head = this.headByBranch.get(c.branch.id) ?? spec.responsible;
    const b2b = c.company !== undefined;
    const heads = b2b && spec.product.id === 'dms' ? r.int(5, 60) : 1;
    const price = Math.round((spec.product.min + r.next() * (spec.product.max - spec.product.min)) / 100) * 100;
    const amount = price * heads;
    const createdAt = spec.createdAt;
    const end = spec.outcome === 'open' ? Math.min(this.now, Math.max(createdAt, spec.firstCall?.done ? spec.firstCall.deadline + DAY : createdAt)) : (spec.closeAt as number);

    // Stage history: NEW first, then some process stages, then the final one.
    const path: Stage[] = [STAGES[0] as Stage];
    if (spec.outcome === 'won') {
      for (const s of PROCESS_STAGES.slice(1)) if (r.chance(0.45)) path.push(s);
      path.push(WON);
    } else if (spec.outcome === 'lost') {
      const reach = r.int(0, 3);
      for (let k = 1; k <= reach; k++) path.push(PROCESS_STAGES[k] as Stage);
      path.push(LOSE);
    } else {
      const reach = spec.openStage ?? 0;
      for (let k = 1; k <= reach; k++) path.push(PROCESS_STAGES[k] as Stage);
    }
    const span = Math.max(0, end - createdAt);
    let t = createdAt;
    const moveTimes: number[] = [createdAt];
    for (let k = 1; k < path.length; k++) {
      const remaining = path.length - k;
      t = k === path.length - 1 && spec.outcome !== 'open' ? end : t + Math.floor(((end - t) / (remaining + 1)) * (0.5 + r.next()));
      if (t > this.now) t = this.now;
      moveTimes.push(t);
    }
    path.forEach((s, k) => {
      this.stageMoves.push({
        id: String(++this.seq.stageMove),
        dealId: id,
        funnelId: MOCK_FUNNEL_ID,
        stageId: s.id,
        stageSemantics: s.semantics,
        at: moveTimes[k] as number,
        byId: k === 0 && spec.registry ? head.id : resp,
      });
    });
    const last = path[path.length - 1] as Stage;
    const lastMove = moveTimes[moveTimes.length - 1] as number;

    const short = spec.product.short;
    const who = c.company ? c.company.title : (c.contacts[0]?.name ?? c.name);
    const year = wall(spec.policyEnd ?? createdAt).year;
    const title = spec.registry === 'prolongation' ? `${short}: пролонгация ${year} — ${who}` : `${short} — ${who}`;

    const fields: Record<string, string | null> = {
      [MOCK_FIELDS.period]: spec.period !== undefined ? this.cached(monthKey(spec.period)) : null,
      [MOCK_FIELDS.branch]: c.branch.id,
      [MOCK_FIELDS.channel]: spec.registry === 'new-cold' ? 'callcenter' : r.pick(CHANNELS).id,
      [MOCK_FIELDS.product]: spec.product.id,
      [MOCK_FIELDS.registryType]: spec.registry,
      [MOCK_FIELDS.policyEnd]: spec.policyEnd !== undefined ? this.cached(calendarDate(spec.policyEnd)) : null,
    };

    // Activities: the planned first call of a registry deal, then the work on it.
    const density = this.scale.activityDensity;
    let lastAct = createdAt;
    if (spec.firstCall) {
      const fc = spec.firstCall;
      const doneAt = fc.deadline + r.int(0, 6 * 60) * MINUTE;
      const a = this.activity('call', SUBJECTS.firstCall[0], bindings, fc.deadline, {
        direction: 'outgoing',
        createdAt,
        deadline: fc.deadline + 8 * HOUR,
        completed: fc.done,
        ...(fc.done ? { completedAt: Math.min(doneAt, this.now), durationSec: r.int(20, 600) } : {}),
        responsibleId: resp,
        authorId: head.id,
      });
      if (head.id !== resp) this.note('authorNotResponsible', { kind: 'activity', id: a.id });
      if (!fc.done && fc.deadline > this.now && spec.registry === 'prolongation') this.note('plannedCall', { kind: 'activity', id: a.id });
      if (fc.done) lastAct = Math.max(lastAct, Math.min(doneAt, this.now));
    } else {
      this.activity('call', r.pick(SUBJECTS.callIn), bindings, createdAt, { direction: 'incoming', durationSec: r.int(30, 700), responsibleId: resp });
    }
    const workEnd = Math.min(end, this.now);
    const workStart = spec.firstCall ? Math.min(spec.firstCall.deadline, workEnd) : createdAt;
    if (workEnd > workStart && (spec.outcome !== 'open' || spec.firstCall?.done !== false)) {
      const base = spec.outcome === 'won' ? 3 : spec.outcome === 'lost' ? 1.6 : 1.4;
      const n = Math.floor(base * density * 1.5 * r.next() + base * density * 0.5 + r.next());
      for (let k = 0; k < n; k++) {
        const at = workStart + Math.floor(r.next() * (workEnd - workStart));
        const kind = r.weighted<ActivityKind>(['call', 'email', 'messenger', 'comment', 'meeting', 'task', 'todo'], [4, 3, 1, 1.5, 0.6, 0.8, 0.8]);
        if (kind === 'comment') {
          const author = r.chance(0.3) ? head : spec.responsible;
          this.activity('comment', r.pick(SUBJECTS.comment), bindings, at, { responsibleId: resp, authorId: author.id });
        } else if (kind === 'meeting') {
          this.activity('meeting', r.pick(SUBJECTS.meeting), bindings, at, { responsibleId: resp, durationSec: 3600 });
        } else if (kind === 'task' || kind === 'todo') {
          const author = r.chance(0.35) ? head : spec.responsible;
          const a = this.activity(kind, r.pick(kind === 'task' ? SUBJECTS.task : SUBJECTS.todo), bindings, at, {
            createdAt: at,
            deadline: at + r.int(1, 5) * DAY,
            completedAt: at + r.int(2, 96) * HOUR,
            responsibleId: resp,
            authorId: author.id,
          });
          if (author.id !== resp) this.note('authorNotResponsible', { kind: 'activity', id: a.id });
        } else {
          this.dialog(c, bindings, at, resp);
        }
        if (at > lastAct) lastAct = at;
      }
    }
    if (spec.outcome === 'won') {
      this.activity('document', `${r.pick(['Договор страхования', 'Полис'])} ${short}`, bindings, end, { responsibleId: resp });
    }
    if (spec.outcome === 'open' && (spec.firstCall === undefined || spec.firstCall.done)) {
      // Open deals have work ahead: a planned to-do, sometimes already overdue.
      const overdue = r.chance(0.3) || this.situations.overdueTask.length === 0;
      const at = overdue ? this.now - r.int(1, 20) * DAY : this.now + r.int(1, 30) * DAY;
      const author = r.chance(0.35) ? head : spec.responsible;
      const a = this.activity(r.chance(0.5) ? 'task' : 'todo', r.pick(SUBJECTS.todo), bindings, at, {
        createdAt: Math.min(this.now, Math.max(createdAt, at - 3 * DAY)),
        deadline: at,
        completed: false,
        responsibleId: resp,
        authorId: author.id,
      });
      this.note(overdue ? 'overdueTask' : 'plannedTask', { kind: 'activity', id: a.id });
    }

    // Invoice and payments.
    const inv = spec.invoice ?? (spec.outcome === 'won' ? 'paid' : 'none');
    if (inv !== 'none') {
      const invAt = spec.outcome === 'won' ? end - r.int(1, 7) * DAY : Math.min(this.now, lastMove);
      this.invoice(c, { amount, at: invAt, status: inv, dealId: id, responsibleId: resp, title: `Счёт: ${spec.product.name}` });
    }

    const d: Deal = {
      id,
      title,
      funnelId: MOCK_FUNNEL_ID,
      stageId: last.id,
      stageSemantics: last.semantics,
      amount,
      currency: 'RUB',
      companyId: c.company?.id,
      contactIds: c.company ? (c.contacts[0] ? [c.contacts[0].id] : []) : [c.contacts[0]?.id as Id],
      responsibleId: resp,
      createdById: spec.registry ? head.id : resp,
      createdAt,
      modifiedAt: Math.min(this.now, Math.max(lastMove, lastAct)),
      closedAt: spec.outcome === 'open' ? undefined : end,
      expectedCloseAt: spec.policyEnd ?? createdAt + 30 * DAY,
      sourceId: spec.registry ? 'REGISTRY' : r.pick(['CALL', 'WEB', 'RECOMMENDATION', 'EMAIL']),
      products: [{ productId: spec.product.id, productName: spec.product.name, price, quantity: heads, sum: amount }],
      fields,
      url: `#/crm/deal/${id}`,
    };
    this.deals.push(d);
    if (d.modifiedAt > c.lastEventAt) c.lastEventAt = d.modifiedAt;
    return d;
  }

  invoice(
    c: ClientCtx,
    o: { amount: number; at: number; status: 'paid' | 'partial' | 'sent' | 'cancelled' | 'draft'; dealId?: Id; responsibleId: Id; title: string },
  ): Invoice {
    const r = this.rnd;
    const id = String(++this.seq.invoice);
    // Some invoices paid in two parts still wait for the second one.
    const waiting = o.status === 'partial' && this.situations.partialPayment.length > 0 && r.chance(0.3);
    const status: InvoiceStatus = o.status === 'partial' ? (waiting ? 'partially-paid' : 'paid') : o.status;
    const paidAt = Math.min(this.now, o.at + r.int(0, 5) * DAY + r.int(1, 8) * HOUR);
    const inv: Invoice = {
      id,
      number: `СЧ-${wall(o.at).year}-${id.padStart(5, '0')}`,
      title: o.title,
      amount: o.amount,
      currency: 'RUB',
      status,
      dealId: o.dealId,
      contactId: c.company ? undefined : c.contacts[0]?.id,
      companyId: c.company?.id,
      responsibleId: o.responsibleId,
      createdAt: o.at,
      modifiedAt: status === 'paid' || status === 'partially-paid' ? paidAt : o.at,
      dueAt: o.at + 10 * DAY,
      url: `#/crm/invoice/${id}`,
    };
    this.invoices.push(inv);
    if (o.status === 'paid') {
      this.payment(c, inv, o.amount, paidAt);
    } else if (o.status === 'partial') {
      const first = Math.round(o.amount / 2);
      this.payment(c, inv, first, Math.min(this.now, o.at + DAY));
      if (!waiting) {
        this.payment(c, inv, o.amount - first, paidAt);
        this.note('partialPayment', { kind: 'invoice', id });
      }
    }
    return inv;
  }

  payment(c: ClientCtx, inv: Invoice, amount: number, paidAt: number): void {
    this.payments.push({
      id: String(++this.seq.payment),
      invoiceId: inv.id,
      dealId: inv.dealId,
      contactId: inv.contactId,
      companyId: inv.companyId,
      amount,
      currency: 'RUB',
      paidAt,
    });
    if (paidAt > c.lastEventAt) c.lastEventAt = paidAt;
  }

  /** Registry deals are loaded this many months ahead of their Период. */
  private loadAhead(): number {
    return this.rnd.int(1, 3);
  }

  /**
   * A product held by a client: a first sale, then yearly prolongations while the client
   * renews. `stopAfter` caps the chain's years; a lost renewal ends it.
   */
  chain(c: ClientCtx, product: ProductSpec, start: number, o: { renew: number; stopBefore?: number; responsible: Employee; crossSale: boolean }): void {
    const r = this.rnd;
    // The first sale: new business, closed (won) on the policy start.
    const firstCreated = start - r.int(3, 40) * DAY;
    const firstRegistry: RegistryType | null = o.crossSale ? 'cross-sale' : r.pick<RegistryType | null>([null, null, 'new-warm', 'new-cold']);
    const first = this.deal(c, {
      product,
      registry: firstRegistry,
      createdAt: firstCreated,
      outcome: 'won',
      closeAt: start,
      policyEnd: addYears(start, 1),
      responsible: o.responsible,
      invoice: c.company && (r.chance(0.15) || this.situations.partialPayment.length === 0) ? 'partial' : 'paid',
      ...(firstRegistry ? { period: firstCreated, firstCall: { deadline: workingDayAt(firstCreated + DAY, 10), done: true } } : {}),
    });
    if (o.crossSale) this.note('crossSale', { kind: 'deal', id: first.id });
    const chainIds: Id[] = [first.id];
    let policyEnd = addYears(start, 1);
    for (let year = 1; year < 12; year++) {
      const periodStart = startOfMonth(policyEnd);
      const loadAt = startOfMonth(policyEnd, -this.loadAhead()) + r.int(0, 4) * DAY + 9 * HOUR;
      if (loadAt > this.now) break; // not loaded yet
      if (o.stopBefore !== undefined && policyEnd > o.stopBefore) {
        // The client stopped renewing: the registry deal was lost.
        if (loadAt < this.now && policyEnd < this.now) {
          this.deal(c, {
            product,
            registry: 'prolongation',
            createdAt: loadAt,
            outcome: 'lost',
            closeAt: Math.min(this.now, policyEnd + r.int(0, 10) * DAY),
            period: periodStart,
            policyEnd,
            firstCall: { deadline: workingDayAt(periodStart, 10), done: true },
            responsible: o.responsible,
          });
        }
        break;
      }
      const deadline = workingDayAt(periodStart, 10) + r.int(0, 3) * DAY;
      const responsible = r.chance(0.12) ? this.sellerFor(c.branch.id) : o.responsible;
      if (policyEnd <= this.now) {
        const won = r.chance(o.renew);
        const d = this.deal(c, {
          product,
          registry: 'prolongation',
          createdAt: loadAt,
          outcome: won ? 'won' : 'lost',
          closeAt: Math.min(this.now, policyEnd - (won ? r.int(0, 12) * DAY : -r.int(0, 10) * DAY)),
          period: periodStart,
          policyEnd,
          firstCall: { deadline, done: true },
          responsible: won || r.chance(0.9) ? responsible : this.nameOnly,
        });
        chainIds.push(d.id);
        if (!won) break;
        policyEnd = addYears(policyEnd, 1);
      } else {
        // Loaded months ahead and still open.
        const started = deadline <= this.now;
        const forgotten = started && r.chance(0.25);
        const d = this.deal(c, {
          product,
          registry: 'prolongation',
          createdAt: loadAt,
          outcome: 'open',
          openStage: started && !forgotten ? r.int(1, 4) : 0,
          period: periodStart,
          policyEnd,
          firstCall: { deadline, done: started && !forgotten },
          responsible,
        });
        chainIds.push(d.id);
        if (!started) this.note('prolongationUpcoming', { kind: 'deal', id: d.id });
        else if (forgotten) this.note('prolongationOverdueCall', { kind: 'deal', id: d.id });
        break;
      }
    }
    if (chainIds.length >= 3) {
      const list = this.situations.prolongationChain;
      if (list.length === 0) for (const id of chainIds) list.push({ kind: 'deal', id });
    }
  }

  /**
   * Fixture deals that exist whatever the seed and `now`: a prolongation of next month's
   * Период with its first call still ahead, and one of this month's still in NEW with its
   * first call overdue.
   */
  forcedRegistryDeals(c: ClientCtx, which: 'upcoming' | 'overdue'): void {
    const product = PRODUCTS.find((p) => p.id === 'property') as ProductSpec;
    const responsible = (c.sellers[1] ?? c.sellers[0]) as Employee;
    if (which === 'upcoming') {
      const period = startOfMonth(this.now, 1);
      const d = this.deal(c, {
        product,
        registry: 'prolongation',
        createdAt: Math.min(this.now - HOUR, startOfMonth(this.now) + 9 * HOUR),
        outcome: 'open',
        openStage: 0,
        period,
        policyEnd: period + 14 * DAY,
        firstCall: { deadline: workingDayAt(period, 10), done: false },
        responsible,
      });
      this.situations.prolongationUpcoming.unshift({ kind: 'deal', id: d.id });
      const firstCall = this.activities.findLast((a) => a.subject === SUBJECTS.firstCall[0] && a.bindings[0]?.id === d.id);
      if (firstCall) this.situations.plannedCall.unshift({ kind: 'activity', id: firstCall.id });
    } else {
      const period = startOfMonth(this.now);
      const d = this.deal(c, {
        product,
        registry: 'prolongation',
        createdAt: startOfMonth(this.now, -2) + 9 * HOUR,
        outcome: 'open',
        openStage: 0,
        period,
        policyEnd: startOfMonth(this.now, 1) - DAY + 12 * HOUR,
        firstCall: { deadline: Math.min(workingDayAt(period, 10), this.now - 2 * DAY), done: false },
        responsible,
      });
      this.situations.prolongationOverdueCall.unshift({ kind: 'deal', id: d.id });
    }
  }

  productsFor(c: ClientCtx): ProductSpec[] {
    const pool = c.company ? PRODUCTS : PRODUCTS.filter((p) => !p.b2bOnly);
    return this.rnd.shuffle([...pool]);
  }

  clientActivity(c: ClientCtx, count: number, from: number): void {
    const r = this.rnd;
    const span = Math.max(DAY, this.now - from);
    for (let k = 0; k < count; k++) {
      const at = from + Math.floor(r.next() * span);
      // Company dialogs are with one of its contacts; a shared contact's go to both companies.
      const target = c.company && c.contacts.length > 0 && r.chance(0.8) ? (r.pick(c.contacts) as Contact) : undefined;
      const bindings = target ? this.contactBindings(target.id) : c.bindings;
      const resp = target?.responsibleId ?? (c.sellers[0] as Employee).id;
      this.dialog(c, bindings, at, resp);
    }
  }

  fillClient(c: ClientCtx, fixture: Fixture | undefined): void {
    const r = this.rnd;
    const now = this.now;
    const created = c.company?.createdAt ?? (c.contacts[0] as Contact).createdAt;
    const d = this.scale.activityDensity;
    const dialogs = (mean: number) => Math.max(0, Math.round(mean * d * (0.4 + 1.2 * r.next())));
    const seller = () => r.pick(c.sellers);
    switch (c.profile) {
      case 'often': {
        const products = this.productsFor(c).slice(0, c.company ? r.int(3, 5) : r.int(2, 4));
        const firstStart = now - r.int(fixture ? 3 * 365 : 500, 6 * 365) * DAY;
        products.forEach((p, k) => {
          const start = k === 0 ? firstStart : firstStart + r.int(60, Math.max(90, now - firstStart - 40 * DAY) / DAY) * DAY;
          this.chain(c, p, Math.min(start, now - 20 * DAY), { renew: k === 0 ? 1 : 0.88, responsible: c.sellers[k % c.sellers.length] as Employee, crossSale: k > 0 });
        });
        // Offers that did not sell, and one open request.
        const extra = r.int(1, 4);
        for (let k = 0; k < extra; k++) {
          const at = now - r.int(10, 700) * DAY;
          const lost = at < now - 60 * DAY || r.chance(0.5);
          this.deal(c, { product: r.pick(PRODUCTS.filter((p) => !p.b2bOnly)), registry: 'cross-sale', createdAt: at, outcome: lost ? 'lost' : 'open', closeAt: lost ? Math.min(now, at + r.int(3, 40) * DAY) : undefined, openStage: r.int(0, 3), responsible: seller() });
        }
        this.clientActivity(c, dialogs(5), created);
        if (fixture) {
          this.note('payerOften', c.ref);
          this.forcedRegistryDeals(c, c.index === 0 ? 'upcoming' : 'overdue');
        }
        break;
      }
      case 'once': {
        const start = now - r.int(30, 300) * DAY;
        this.chain(c, (this.productsFor(c)[0] as ProductSpec), start, { renew: 1, stopBefore: addYears(start, 1) + DAY, responsible: seller(), crossSale: false });
        this.clientActivity(c, dialogs(3), start - 30 * DAY);
        if (fixture) this.note('payerOnce', c.ref);
        break;
      }
      case 'sleeping':
      case 'longAgo': {
        // The last payment: 7–11 months ago (sleeping) or 14–40 months ago (lost).
        const lastPaid = c.profile === 'sleeping' ? now - r.int(215, 330) * DAY : now - r.int(430, 1200) * DAY;
        const years = r.int(0, 2);
        const start = addYears(lastPaid, -years);
        this.chain(c, this.productsFor(c)[0] as ProductSpec, start, { renew: 1, stopBefore: addYears(lastPaid, 1) - DAY, responsible: seller(), crossSale: false });
        this.clientActivity(c, dialogs(4), start - 60 * DAY);
        break;
      }
      case 'requests': {
        const n = r.int(1, 5) + (fixture ? 1 : 0);
        for (let k = 0; k < n; k++) {
          const at = now - r.int(5, 600) * DAY;
          const registry = r.pick<RegistryType>(['new-warm', 'new-cold', 'new-warm']);
          const open = (fixture && k === 0) || (at > now - 90 * DAY && r.chance(0.6));
          const stage = r.int(0, 4);
          this.deal(c, {
            product: this.productsFor(c)[0] as ProductSpec,
            registry,
            createdAt: at,
            outcome: open ? 'open' : 'lost',
            closeAt: open ? undefined : Math.min(now, at + r.int(5, 60) * DAY),
            openStage: fixture && k === 0 ? 4 : stage,
            period: at,
            firstCall: { deadline: workingDayAt(at + DAY, 10), done: true },
            responsible: seller(),
            invoice: open && (stage === 4 || (fixture && k === 0)) ? 'sent' : !open && r.chance(0.3) ? 'cancelled' : 'none',
          });
        }
        this.clientActivity(c, dialogs(3), created);
        if (fixture?.company) {
          // The branch company: some of its records belong to the parent's contact too.
        }
        break;
      }
      case 'invoiceOnly': {
        const at = now - r.int(5, 200) * DAY;
        this.invoice(c, { amount: r.int(20, 300) * 100, at, status: r.pick(['sent', 'draft'] as const), responsibleId: seller().id, title: 'Счёт: Страхование имущества' });
        if (at > c.lastEventAt) c.lastEventAt = at;
        break;
      }
      case 'dialogs':
        this.clientActivity(c, Math.max(1, dialogs(8)), created);
        break;
      case 'leads': {
        const n = r.int(1, 2);
        for (let k = 0; k < n; k++) {
          const at = now - r.int(1, 400) * DAY;
          const id = String(++this.seq.lead);
          this.leads.push({
            id,
            title: `Заявка с сайта: ${r.pick(PRODUCTS).short}`,
            status: r.pick(['new', 'in-work', 'junk'] as const),
            contactId: c.company ? undefined : c.contacts[0]?.id,
            companyId: c.company?.id,
            responsibleId: seller().id,
            createdAt: at,
            modifiedAt: Math.min(now, at + r.int(0, 10) * DAY),
          });
          if (at > c.lastEventAt) c.lastEventAt = at;
        }
        break;
      }
      case 'contacts':
      case 'nothing':
        break;
    }
    // Most paying clients came from a lead once.
    if ((c.profile === 'often' || c.profile === 'once') && r.chance(0.3)) {
      const at = created + r.int(0, 20) * DAY;
      if (at < now) {
        this.leads.push({
          id: String(++this.seq.lead),
          title: `Заявка: ${c.name}`,
          status: 'converted',
          contactId: c.company ? undefined : c.contacts[0]?.id,
          companyId: c.company?.id,
          responsibleId: (c.sellers[0] as Employee).id,
          createdAt: at,
          modifiedAt: at + DAY,
        });
      }
    }
    const modified = Math.min(now, Math.max(c.lastEventAt, created));
    if (c.company) c.company.modifiedAt = modified;
    for (const ct of c.contacts) ct.modifiedAt = Math.max(ct.createdAt, Math.min(now, modified));
    if (fixture?.situations) {
      for (const s of fixture.situations) {
        if (s === 'contactInSeveralCompanies' || s === 'companyBranch') continue;
        this.note(s, c.ref);
      }
    }
  }

  *clients(): Generator<number, void, void> {
    this.planProfiles();
    const total = this.scale.clients;
    let parent: ClientCtx | undefined;
    for (let i = 0; i < total; i++) {
      const fixture = FIXTURES[i];
      const profile = fixture ? fixture.profile : (this.profiles[i - FIXTURES.length] as Profile);
      const c = this.makeClient(i, fixture, profile);
      if (i === 1) parent = c;
      if (i === 2 && parent) this.linkCompanies(parent, c);
      this.fillClient(c, fixture);
      yield i + 1;
    }
  }

  fieldDefinitions(): FieldDefinition[] {
    const months: { id: string; label: string; sort: number }[] = [];
    for (let k = -84; k <= 12; k++) {
      const m = startOfMonth(this.now, k);
      const w = wall(m);
      months.push({ id: monthKey(m), label: `${MONTHS_NOMINATIVE[w.month]} ${w.year}`, sort: w.year * 100 + w.month + 1 });
    }
    const opt = (list: readonly { id: string; label: string }[]) => list.map((o, i) => ({ id: o.id, label: o.label, sort: (i + 1) * 10 }));
    const def = (owner: FieldDefinition['owner'], code: string, label: string, type: FieldDefinition['type'], extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
      id: `${owner}:${code}`,
      code,
      owner,
      label,
      type,
      multiple: false,
      builtIn: false,
      ...extra,
    });
    const builtIn = { builtIn: true };
    return [
      def('deal', 'title', 'Название', 'string', builtIn),
      def('deal', 'amount', 'Сумма', 'money', builtIn),
      def('deal', 'stageId', 'Стадия', 'enumeration', { ...builtIn, options: STAGES.map((s) => ({ id: s.id, label: s.name, sort: s.sort })) }),
      def('deal', 'responsibleId', 'Ответственный', 'employee', builtIn),
      def('deal', 'createdAt', 'Дата создания', 'datetime', builtIn),
      def('deal', 'closedAt', 'Дата закрытия', 'datetime', builtIn),
      def('deal', MOCK_FIELDS.period, 'Период', 'enumeration', { options: months }),
      def('deal', MOCK_FIELDS.branch, 'Филиал', 'enumeration', { options: opt(BRANCHES) }),
      def('deal', MOCK_FIELDS.channel, 'Канал', 'enumeration', { options: opt(CHANNELS) }),
      def('deal', MOCK_FIELDS.product, 'Продукт', 'enumeration', { options: opt(PRODUCTS.map((p) => ({ id: p.id, label: p.name }))) }),
      def('deal', MOCK_FIELDS.registryType, 'Тип реестра', 'enumeration', { options: opt(REGISTRY_TYPES) }),
      def('deal', MOCK_FIELDS.policyEnd, 'Дата окончания полиса', 'date'),
      def('contact', 'name', 'ФИО', 'string', builtIn),
      def('contact', 'createdAt', 'Дата создания', 'datetime', builtIn),
      def('contact', MOCK_FIELDS.segment, 'Сегмент', 'enumeration', { options: opt(SEGMENTS) }),
      def('company', 'title', 'Название компании', 'string', builtIn),
      def('company', MOCK_FIELDS.staff, 'Численность сотрудников', 'integer'),
    ];
  }

  funnels(): Funnel[] {
    return [{ id: MOCK_FUNNEL_ID, name: 'Продажи полисов', stages: STAGES }];
  }

  products(): Product[] {
    return PRODUCTS.map((p) => ({ id: p.id, name: p.name, section: p.b2bOnly ? 'Корпоративное страхование' : 'Страхование' }));
  }

  finish(estate: EstateData, resources: { resources: BookingResource[]; bookings: Booking[] }, seed: number): MockCrmSnapshot {
    return {
      format: 'crmkit-snapshot',
      version: 1,
      origin: MOCK_ORIGIN,
      userId: '2',
      timeZone: MOCK_TIME_ZONE,
      generatedAt: this.now,
      seed,
      scale: this.scaleName,
      situations: this.situations,
      entities: {
        contact: this.contacts,
        company: this.companies,
        lead: this.leads,
        deal: this.deals,
        stageMove: this.stageMoves,
        invoice: this.invoices,
        payment: this.payments,
        activity: this.activities,
        employee: this.employees,
        department: this.departments,
        funnel: this.funnels(),
        product: this.products(),
        fieldDefinition: this.fieldDefinitions(),
        project: estate.projects,
        building: estate.buildings,
        apartment: estate.apartments,
        pricePoint: estate.pricePoints,
        resource: resources.resources,
        booking: resources.bookings,
      },
    };
  }
}

/** The whole generation as steps; each `yield` is a safe point to give the event loop a turn. */
function* steps(options: MockCrmOptions, out: { snapshot?: MockCrmSnapshot }): Generator<number, void, void> {
  const g = new CrmGenerator(options);
  g.makeStaff();
  yield 0;
  yield* g.clients();
  const estate = generateEstate(g.rnd, g.now, g.contacts, g.employees);
  for (const [name, refs] of Object.entries(estate.situations)) for (const ref of refs) g.note(name as MockSituationName, ref);
  yield g.scale.clients;
  const resources = generateResources(g.rnd, g.now, g.contacts, g.employees);
  for (const [name, refs] of Object.entries(resources.situations)) for (const ref of refs) g.note(name as MockSituationName, ref);
  out.snapshot = g.finish(estate, resources, options.seed ?? 1);
}

/**
 * Generates a whole mock CRM at once. Deterministic: the same `seed` and `now` give the same
 * JSON. Blocks for the time it takes (small: milliseconds; default: a few hundred ms); in a
 * page, prefer {@link generateMockCrmAsync} for anything above small.
 */
export function generateMockCrm(options: MockCrmOptions = {}): MockCrmSnapshot {
  const out: { snapshot?: MockCrmSnapshot } = {};
  for (const _ of steps(options, out)) {
    // run to the end
  }
  return out.snapshot as MockCrmSnapshot;
}

/**
 * The same data as {@link generateMockCrm}, produced in slices of at most `sliceMs` with a
 * turn of the event loop between them, so even the large scale never freezes the page.
 * Rejects with an `AbortError` when `signal` aborts.
 */
export async function generateMockCrmAsync(options: MockCrmOptions = {}, run: MockGenerateAsyncOptions = {}): Promise<MockCrmSnapshot> {
  const { signal, onProgress } = run;
  const sliceMs = run.sliceMs ?? 10;
  signal?.throwIfAborted();
  const total = SCALE_SPECS[options.scale ?? 'default'].clients;
  const out: { snapshot?: MockCrmSnapshot } = {};
  const it = steps(options, out);
  let sliceStart = performance.now();
  let lastReported = -1;
  for (;;) {
    const step = it.next();
    if (step.done) break;
    if (performance.now() - sliceStart >= sliceMs) {
      if (onProgress && step.value !== lastReported) {
        lastReported = step.value;
        onProgress({ loaded: step.value, total });
      }
      await yieldToEventLoop();
      signal?.throwIfAborted();
      sliceStart = performance.now();
    }
  }
  onProgress?.({ loaded: total, total });
  return out.snapshot as MockCrmSnapshot;
}

/** A macrotask turn without the 4 ms clamp of nested `setTimeout`. */
export function yieldToEventLoop(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}
