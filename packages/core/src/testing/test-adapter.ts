import type { AdapterCapabilities } from '../adapter/capabilities.js';
import type { AdapterIdentity, DataAdapter } from '../adapter/data-adapter.js';
import { CrmError, type CrmErrorCode } from '../adapter/errors.js';
import { applyQuery, matchesFilter } from '../adapter/match.js';
import type { CallOptions, Filter, ListQuery, ListResult } from '../adapter/query.js';
import type { Id } from '../model/common.js';
import { ENTITY_NAMES, type EntityMap, type EntityName } from '../model/entities.js';

export type TestData = { [E in EntityName]?: readonly EntityMap[E][] };

/** One recorded `list` call. */
export interface TestCall {
  readonly entity: EntityName;
  readonly query: ListQuery | undefined;
}

/**
 * A controllable in-memory adapter for element tests: `hold()` keeps every `list` pending until
 * `release()`, `failNext(code)` makes the next call reject, and `calls` records what was asked.
 * Pending calls reject with the signal's reason when aborted, as a real adapter must.
 */
export class TestAdapter implements DataAdapter {
  readonly kind = 'test';
  data: TestData;
  readonly calls: TestCall[] = [];
  disposed = false;
  private holding = false;
  private waiting: (() => void)[] = [];
  private failures: CrmErrorCode[] = [];

  constructor(data: TestData = {}) {
    this.data = data;
  }

  hold(): void {
    this.holding = true;
  }

  /** Lets every held call go on, and stops holding new ones. */
  release(): void {
    this.holding = false;
    const waiting = this.waiting;
    this.waiting = [];
    for (const go of waiting) go();
  }

  /** Number of calls currently held. */
  get held(): number {
    return this.waiting.length;
  }

  failNext(code: CrmErrorCode = 'network'): void {
    this.failures.push(code);
  }

  private async gate(options: CallOptions): Promise<void> {
    options.signal?.throwIfAborted();
    if (this.holding) {
      await new Promise<void>((resolve, reject) => {
        const onAbort = (): void => reject(options.signal?.reason ?? new DOMException('Aborted', 'AbortError'));
        options.signal?.addEventListener('abort', onAbort, { once: true });
        this.waiting.push(() => {
          options.signal?.removeEventListener('abort', onAbort);
          resolve();
        });
      });
    }
    options.signal?.throwIfAborted();
    const failure = this.failures.shift();
    if (failure) throw new CrmError(failure, { source: 'test' });
  }

  private records<E extends EntityName>(entity: E): readonly EntityMap[E][] {
    return (this.data[entity] ?? []) as readonly EntityMap[E][];
  }

  async identity(options: CallOptions = {}): Promise<AdapterIdentity> {
    options.signal?.throwIfAborted();
    return { origin: 'test://crmkit', userId: '1', timeZone: 'Europe/Moscow' };
  }

  async capabilities(options: CallOptions = {}): Promise<AdapterCapabilities> {
    options.signal?.throwIfAborted();
    const entities: Partial<Record<EntityName, { read: boolean; incremental: boolean; ids: boolean }>> = {};
    for (const name of ENTITY_NAMES) if (this.data[name] !== undefined) entities[name] = { read: true, incremental: false, ids: true };
    return { entities, writes: { apartmentBooking: false, resourceBooking: false } };
  }

  async list<E extends EntityName>(entity: E, query?: ListQuery<E>, options: CallOptions = {}): Promise<ListResult<EntityMap[E]>> {
    this.calls.push({ entity, query: query as ListQuery | undefined });
    await this.gate(options);
    const result = applyQuery(this.records(entity), query as ListQuery | undefined);
    options.onProgress?.({ entity, loaded: result.items.length, total: result.total });
    return result;
  }

  async get<E extends EntityName>(entity: E, id: Id, options: CallOptions = {}): Promise<EntityMap[E]> {
    await this.gate(options);
    const found = this.records(entity).find((r) => (r as { id?: Id }).id === id);
    if (!found) throw new CrmError('not-found', { detail: `${entity}:${id}` });
    return found;
  }

  async count(entity: EntityName, filter?: Filter, options: CallOptions = {}): Promise<number> {
    await this.gate(options);
    return this.records(entity).filter((r) => matchesFilter(r, filter)).length;
  }

  async listIds(entity: EntityName, filter?: Filter, options: CallOptions = {}): Promise<readonly Id[]> {
    await this.gate(options);
    return this.records(entity)
      .filter((r) => matchesFilter(r, filter))
      .map((r) => (r as { id: Id }).id);
  }

  dispose(): void {
    this.disposed = true;
  }
}
