import {
  applyQuery,
  CrmError,
  ENTITY_NAMES,
  matchesFilter,
  type AdapterCapabilities,
  type AdapterIdentity,
  type CallOptions,
  type DataAdapter,
  type EntityMap,
  type EntityName,
  type Filter,
  type Id,
  type ListQuery,
  type ListResult,
} from '@crmkit/core';
import type { CrmSnapshot } from './snapshot.js';

export interface SnapshotAdapterOptions {
  /** Page size used to report progress, as a real CRM would page. */
  readonly pageSize?: number;
}

/**
 * A read-only adapter over an in-memory {@link CrmSnapshot}. It serves the whole query
 * language through core's `applyQuery`, yields to the event loop between pages so a huge
 * snapshot never blocks the page, and reports progress per page.
 */
export class SnapshotAdapter implements DataAdapter {
  readonly kind: string = 'snapshot';
  /** The data served; a subclass may replace it in {@link prepare} (the mock generates it lazily). */
  protected snapshot: CrmSnapshot;
  private readonly pageSize: number;

  constructor(snapshot: CrmSnapshot, options: SnapshotAdapterOptions = {}) {
    this.snapshot = snapshot;
    this.pageSize = options.pageSize ?? 5000;
  }

  protected records<E extends EntityName>(entity: E): readonly EntityMap[E][] {
    return (this.snapshot.entities[entity] ?? []) as readonly EntityMap[E][];
  }

  /**
   * Runs before every call, after the abort check: a subclass loads or generates its data here
   * and simulates the network (latency, failures). `call` names the method. Default: nothing.
   */
  protected async prepare(_call: string, _signal: AbortSignal | undefined): Promise<void> {
    // A snapshot in memory is always ready.
  }

  async identity(options: CallOptions = {}): Promise<AdapterIdentity> {
    options.signal?.throwIfAborted();
    await this.prepare('identity', options.signal);
    options.signal?.throwIfAborted();
    const userId = this.snapshot.userId ?? '1';
    const user = this.records('employee').find((e) => e.id === userId);
    return {
      origin: this.snapshot.origin ?? 'mock://crmkit',
      userId,
      ...(user ? { user } : {}),
      timeZone: this.snapshot.timeZone ?? 'Europe/Moscow',
    };
  }

  async capabilities(options: CallOptions = {}): Promise<AdapterCapabilities> {
    options.signal?.throwIfAborted();
    await this.prepare('capabilities', options.signal);
    options.signal?.throwIfAborted();
    const entities: Partial<Record<EntityName, { read: boolean; incremental: boolean; ids: boolean }>> = {};
    for (const name of ENTITY_NAMES) {
      if (this.snapshot.entities[name] !== undefined) entities[name] = { read: true, incremental: true, ids: true };
    }
    return { entities, writes: { apartmentBooking: false, resourceBooking: false } };
  }

  async list<E extends EntityName>(entity: E, query: ListQuery<E> = {}, options: CallOptions = {}): Promise<ListResult<EntityMap[E]>> {
    const { signal, onProgress } = options;
    signal?.throwIfAborted();
    await this.prepare('list', signal);
    signal?.throwIfAborted();
    const result = applyQuery(this.records(entity), query as ListQuery);
    // Hand the result out page by page so progress is real and a cancel lands between pages.
    const total = result.items.length;
    for (let loaded = 0; loaded < total; loaded += this.pageSize) {
      onProgress?.({ entity, loaded, total });
      await yieldToEventLoop();
      signal?.throwIfAborted();
    }
    onProgress?.({ entity, loaded: total, total });
    return result;
  }

  async get<E extends EntityName>(entity: E, id: Id, options: CallOptions = {}): Promise<EntityMap[E]> {
    options.signal?.throwIfAborted();
    await this.prepare('get', options.signal);
    options.signal?.throwIfAborted();
    const found = this.records(entity).find((r) => (r as { id: Id }).id === id);
    if (!found) throw new CrmError('not-found', { source: `${entity}/${id}` });
    return found;
  }

  async count(entity: EntityName, filter?: Filter, options: CallOptions = {}): Promise<number> {
    options.signal?.throwIfAborted();
    await this.prepare('count', options.signal);
    options.signal?.throwIfAborted();
    let n = 0;
    for (const r of this.records(entity)) if (matchesFilter(r, filter)) n++;
    return n;
  }

  async listIds(entity: EntityName, filter?: Filter, options: CallOptions = {}): Promise<readonly Id[]> {
    options.signal?.throwIfAborted();
    await this.prepare('listIds', options.signal);
    options.signal?.throwIfAborted();
    return this.records(entity)
      .filter((r) => matchesFilter(r, filter))
      .map((r) => (r as { id: Id }).id);
  }
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
