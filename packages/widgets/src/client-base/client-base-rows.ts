import {
  CLIENT_CLASSES,
  evidenceOf,
  forgottenFlags,
  makeStringTable,
  type ClassEvidence,
  type Client,
  type ClientClass,
  type ClientType,
  type PackedClassificationResult,
  type StringTable,
  type Timestamp,
} from '@crmkit/core';

/** One client as the list shows it. */
export interface ClientRow {
  readonly client: Client;
  readonly class: ClientClass;
  readonly evidence: ClassEvidence;
  readonly lastPaymentAt?: number;
  readonly lastInteractionAt?: number;
  readonly forgotten: boolean;
  /** The client's name, type and last change, read without building {@link client} (sort keys). */
  readonly name: string;
  readonly type: ClientType;
  readonly modifiedAt: Timestamp;
}

export interface ClientRowOptions {
  readonly now: number;
  readonly timeZone: string;
  /** "Forgotten" after this many days without interaction. */
  readonly forgottenDays: number;
}

/**
 * The client list, by index ({@link Client.index}). Either the clients built from the records,
 * or the columns of a stored classification, whose `Client` objects are built only when asked
 * (a row on screen, an export), not 50,000 of them up front.
 */
export interface ClientList {
  readonly length: number;
  /** 0 = B2B, 1 = B2C, per client: totals without building clients. */
  readonly types: Uint8Array;
  client(i: number): Client;
  name(i: number): string;
  modifiedAt(i: number): Timestamp;
}

/** The list of clients built from the records. */
export function clientListOf(clients: readonly Client[]): ClientList {
  const types = new Uint8Array(clients.length);
  for (let i = 0; i < clients.length; i++) types[i] = clients[i].type === 'b2b' ? 0 : 1;
  return {
    length: clients.length,
    types,
    client: (i) => clients[i],
    name: (i) => clients[i].name,
    modifiedAt: (i) => clients[i].modifiedAt,
  };
}

/** Clients as columns, as the stored classification keeps them. */
export interface ClientColumns {
  /** 0 = B2B (a company), 1 = B2C (a contact). */
  readonly types: Uint8Array;
  readonly ids: StringTable;
  readonly names: StringTable;
  readonly responsible: StringTable;
  readonly createdBy: StringTable;
  readonly urls: StringTable;
  /** Bits: 1 responsible, 2 created by, 4 url present. */
  readonly has: Uint8Array;
  readonly createdAt: Float64Array;
  readonly modifiedAt: Float64Array;
  readonly commFlags: Uint8Array;
  /** Client i's contacts are `contactIds` entries `contactEnds[i-1] … contactEnds[i]-1`. */
  readonly contactEnds: Uint32Array;
  readonly contactIds: StringTable;
}

const at = (t: StringTable, i: number): string => t.text.slice(i === 0 ? 0 : t.ends[i - 1], t.ends[i]);

/** Columns of a client list (for storing). */
export function clientColumnsOf(list: ClientList): ClientColumns {
  const n = list.length;
  const ids: string[] = new Array<string>(n);
  const names: string[] = new Array<string>(n);
  const responsible: string[] = new Array<string>(n);
  const createdBy: string[] = new Array<string>(n);
  const urls: string[] = new Array<string>(n);
  const contacts: string[] = [];
  const has = new Uint8Array(n);
  const createdAt = new Float64Array(n);
  const modifiedAt = new Float64Array(n);
  const commFlags = new Uint8Array(n);
  const contactEnds = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const c = list.client(i);
    ids[i] = c.ref.id;
    names[i] = c.name;
    responsible[i] = c.responsibleId ?? '';
    createdBy[i] = c.createdById ?? '';
    urls[i] = c.url ?? '';
    has[i] = (c.responsibleId !== undefined ? 1 : 0) | (c.createdById !== undefined ? 2 : 0) | (c.url ? 4 : 0);
    createdAt[i] = c.createdAt;
    modifiedAt[i] = c.modifiedAt;
    commFlags[i] = c.commFlags;
    for (const id of c.contactIds) contacts.push(id);
    contactEnds[i] = contacts.length;
  }
  return {
    types: list.types.slice(),
    ids: makeStringTable(ids),
    names: makeStringTable(names),
    responsible: makeStringTable(responsible),
    createdBy: makeStringTable(createdBy),
    urls: makeStringTable(urls),
    has,
    createdAt,
    modifiedAt,
    commFlags,
    contactEnds,
    contactIds: makeStringTable(contacts),
  };
}

/** The client list of stored columns; each `Client` is built on first use and kept. */
export function clientListFromColumns(cols: ClientColumns): ClientList {
  const n = cols.types.length;
  const built: (Client | undefined)[] = new Array<Client | undefined>(n);
  return {
    length: n,
    types: cols.types,
    name: (i) => at(cols.names, i),
    modifiedAt: (i) => cols.modifiedAt[i],
    client(i) {
      let c = built[i];
      if (c) return c;
      const id = at(cols.ids, i);
      const b2b = cols.types[i] === 0;
      const contactIds: string[] = [];
      for (let k = i === 0 ? 0 : cols.contactEnds[i - 1]; k < cols.contactEnds[i]; k++) contactIds.push(at(cols.contactIds, k));
      const has = cols.has[i];
      c = {
        key: `${b2b ? 'company' : 'contact'}:${id}`,
        index: i,
        type: b2b ? 'b2b' : 'b2c',
        ref: { kind: b2b ? 'company' : 'contact', id },
        name: at(cols.names, i),
        contactIds,
        ...(has & 1 ? { responsibleId: at(cols.responsible, i) } : {}),
        ...(has & 2 ? { createdById: at(cols.createdBy, i) } : {}),
        createdAt: cols.createdAt[i],
        modifiedAt: cols.modifiedAt[i],
        commFlags: cols.commFlags[i],
        ...(has & 4 ? { url: at(cols.urls, i) } : {}),
      };
      built[i] = c;
      return c;
    },
  };
}

const isStringTable = (v: unknown, n?: number): v is StringTable =>
  typeof v === 'object' && v !== null && typeof (v as StringTable).text === 'string' && (v as StringTable).ends instanceof Uint32Array && (n === undefined || (v as StringTable).ends.length === n);

/** True when `v` has the shape of {@link ClientColumns} for `n` clients. */
export function isClientColumns(v: unknown, n: number): v is ClientColumns {
  const c = v as Partial<ClientColumns> | null;
  return (
    typeof c === 'object' &&
    c !== null &&
    c.types instanceof Uint8Array &&
    c.types.length === n &&
    isStringTable(c.ids, n) &&
    isStringTable(c.names, n) &&
    isStringTable(c.responsible, n) &&
    isStringTable(c.createdBy, n) &&
    isStringTable(c.urls, n) &&
    c.has instanceof Uint8Array &&
    c.has.length === n &&
    c.createdAt instanceof Float64Array &&
    c.createdAt.length === n &&
    c.modifiedAt instanceof Float64Array &&
    c.modifiedAt.length === n &&
    c.commFlags instanceof Uint8Array &&
    c.commFlags.length === n &&
    c.contactEnds instanceof Uint32Array &&
    c.contactEnds.length === n &&
    isStringTable(c.contactIds, n === 0 ? 0 : c.contactEnds[n - 1])
  );
}

/** What the rows read: the clients, their classification and the forgotten flags (computed once, on first use). */
export class ClientRowSource {
  private flags?: Uint8Array;
  constructor(
    readonly clients: ClientList,
    readonly result: PackedClassificationResult,
    readonly options: ClientRowOptions,
    forgotten?: Uint8Array,
  ) {
    this.flags = forgotten;
  }
  /** 1 = forgotten, per client. */
  get forgottenFlags(): Uint8Array {
    this.flags ??= forgottenFlags(this.result, { now: this.options.now, days: this.options.forgottenDays, timeZone: this.options.timeZone });
    return this.flags;
  }
}

/** A row that reads its client's columns when asked: a list of 50,000 costs 50,000 small objects. */
class LazyClientRow implements ClientRow {
  constructor(
    private readonly source: ClientRowSource,
    private readonly i: number,
  ) {}
  get client(): Client {
    return this.source.clients.client(this.i);
  }
  get class(): ClientClass {
    return CLIENT_CLASSES[this.source.result.classCode[this.i]];
  }
  get evidence(): ClassEvidence {
    return evidenceOf(this.source.result, this.i);
  }
  get lastPaymentAt(): number | undefined {
    const v = this.source.result.lastPaymentAt[this.i];
    return Number.isNaN(v) ? undefined : v;
  }
  get lastInteractionAt(): number | undefined {
    const v = this.source.result.lastInteractionAt[this.i];
    return Number.isNaN(v) ? undefined : v;
  }
  get forgotten(): boolean {
    return this.source.forgottenFlags[this.i] === 1;
  }
  get name(): string {
    return this.source.clients.name(this.i);
  }
  get type(): ClientType {
    return this.source.clients.types[this.i] === 0 ? 'b2b' : 'b2c';
  }
  get modifiedAt(): Timestamp {
    return this.source.clients.modifiedAt(this.i);
  }
}

/** The list's rows, one per client, each reading the columns on demand. */
export function clientRows(clients: ClientList, result: PackedClassificationResult, options: ClientRowOptions, forgotten?: Uint8Array): ClientRow[] {
  const source = new ClientRowSource(clients, result, options, forgotten);
  const rows: ClientRow[] = new Array<ClientRow>(clients.length);
  for (let i = 0; i < rows.length; i++) rows[i] = new LazyClientRow(source, i);
  return rows;
}

/** Totals and class counts from the columns (no rows read): what the summary shows. */
export function summaryCounts(
  clients: ClientList,
  result: PackedClassificationResult,
  only?: Uint8Array,
): { total: number; b2b: number; b2c: number; classes: Record<ClientClass, number> } {
  const byCode = new Array<number>(CLIENT_CLASSES.length).fill(0);
  let total = 0;
  let b2b = 0;
  for (let i = 0; i < clients.length; i++) {
    if (only && only[i] !== 1) continue;
    total++;
    if (clients.types[i] === 0) b2b++;
    byCode[result.classCode[i]]++;
  }
  const classes = Object.fromEntries(CLIENT_CLASSES.map((c, k) => [c, byCode[k]])) as Record<ClientClass, number>;
  return { total, b2b, b2c: total - b2b, classes };
}
