import { Task, TaskStatus } from '@lit/task';
import type { ReactiveController, TemplateResult } from 'lit';
import { missingEntities } from '../adapter/capabilities.js';
import type { DataAdapter } from '../adapter/data-adapter.js';
import { CrmError, isAbortError, toCrmError } from '../adapter/errors.js';
import type { LoadProgress } from '../adapter/query.js';
import type { EntityName } from '../model/entities.js';
import type { CrmElement } from './element.js';

/** What a widget's load function receives. */
export interface LoadContext {
  readonly adapter: DataAdapter;
  /** Aborted by the Cancel button, a newer load, or the element leaving the page. */
  readonly signal: AbortSignal;
  /** The person asked to bypass the cache. */
  readonly force: boolean;
  /** Report progress (records loaded of total). */
  progress(p: LoadProgress): void;
  /** Say the data is as of this instant (a cache hit); defaults to the load's end. */
  asOf(at: number): void;
}

export interface DataControllerOptions<T, A extends readonly unknown[]> {
  /** Host properties the query depends on; a change reloads. */
  readonly args: () => A;
  readonly load: (ctx: LoadContext, ...args: A) => Promise<T>;
  /** Entities the widget cannot work without; checked against the adapter's capabilities first. */
  readonly needs?: readonly EntityName[];
  /** Entities used when present; listed for DATA.md and capability messages only. */
  readonly isEmpty?: (value: T) => boolean;
}

/** Progress of the current load, with when it started so a widget can estimate time left. */
export interface ProgressState extends LoadProgress {
  readonly startedAt: number;
}

export type DataStatus = 'idle' | 'no-adapter' | 'loading' | 'complete' | 'error' | 'cancelled';

/**
 * One domain controller per widget, wrapping `@lit/task` (lit.dev's NamesController pattern):
 * derives the query from host properties, calls the adapter with one AbortSignal, and exposes
 * `pending / complete / error` plus progress, cancel, retry and force refresh. The last
 * complete value stays visible (marked stale) while a refresh runs; a partial load is never
 * shown as complete.
 */
export class CrmDataController<T, A extends readonly unknown[] = readonly unknown[]> implements ReactiveController {
  private readonly host: CrmElement;
  private readonly options: DataControllerOptions<T, A>;
  private readonly task: Task<readonly unknown[], T>;
  private userAbort?: AbortController;
  private forceNext = false;
  private reloadToken = 0;
  private cancelledByUser = false;

  /** Last complete value; kept during refreshes and after a failed refresh. */
  value?: T;
  asOf?: number;
  progress?: ProgressState;
  error?: CrmError;

  constructor(host: CrmElement, options: DataControllerOptions<T, A>) {
    this.host = host;
    this.options = options;
    host.addController(this);
    this.task = new Task<readonly unknown[], T>(host, {
      args: () => [host.resolvedAdapter, this.reloadToken, ...options.args()],
      task: (args, { signal }) => this.run(args, signal),
      onComplete: (value) => {
        this.value = value;
        this.error = undefined;
        // @lit/task calls onComplete/onError while its status is still PENDING.
        this.syncStates(false);
      },
      onError: (e) => {
        this.cancelledByUser = isAbortError(e) && this.cancelledByUser;
        this.error = isAbortError(e) ? undefined : toCrmError(e);
        if (this.error) console.error('[crmkit]', host.localName, this.error);
        this.syncStates(false);
      },
    });
  }

  hostConnected(): void {
    this.syncStates();
  }

  hostDisconnected(): void {
    this.userAbort?.abort();
  }

  private async run(args: readonly unknown[], taskSignal: AbortSignal): Promise<T> {
    const adapter = args[0] as DataAdapter | undefined;
    const rest = args.slice(2) as unknown as A;
    if (!adapter) {
      // No adapter yet: a provider may still be building one (a declarative `adapter-kind`
      // resolves a tick later). Wait, showing "no data source", until the args change; that is
      // not an error to log.
      this.syncStates(false);
      return new Promise<T>((_, reject) => {
        taskSignal.addEventListener('abort', () => reject(taskSignal.reason), { once: true });
      });
    }
    this.userAbort = new AbortController();
    this.cancelledByUser = false;
    const signal = AbortSignal.any([taskSignal, this.userAbort.signal]);
    const force = this.forceNext;
    this.forceNext = false;
    this.progress = undefined;
    let asOf: number | undefined;
    this.syncStates(true);
    if (this.options.needs?.length) {
      const caps = await adapter.capabilities({ signal });
      signal.throwIfAborted();
      const missing = missingEntities(caps, this.options.needs);
      if (missing.length) throw new CrmError('not-supported', { detail: missing.join(', ') });
    }
    const value = await this.options.load(
      {
        adapter,
        signal,
        force,
        progress: (p) => {
          this.progress = { ...p, startedAt: this.progress?.startedAt ?? Date.now() };
          this.host.requestUpdate();
        },
        asOf: (at) => {
          asOf = at;
        },
      },
      ...rest,
    );
    signal.throwIfAborted();
    this.asOf = asOf ?? Date.now();
    this.progress = undefined;
    return value;
  }

  get status(): DataStatus {
    if (!this.host.resolvedAdapter) return 'no-adapter';
    switch (this.task.status) {
      case TaskStatus.INITIAL:
        return 'idle';
      case TaskStatus.PENDING:
        return 'loading';
      case TaskStatus.COMPLETE:
        return 'complete';
      case TaskStatus.ERROR:
        return this.error ? 'error' : 'cancelled';
    }
  }

  /** True while a refresh runs over a value already shown. */
  get stale(): boolean {
    return this.status === 'loading' && this.value !== undefined;
  }

  /** Stops the current load; the last complete value (if any) stays, marked as such. */
  cancel(): void {
    this.cancelledByUser = true;
    this.userAbort?.abort();
  }

  /** Loads again; `force` asks the load function to bypass the cache. */
  refresh(force = false): void {
    this.forceNext = force;
    this.reloadToken++;
    this.host.requestUpdate();
  }

  retry(): void {
    this.refresh(false);
  }

  /** Estimated milliseconds left, from the pace so far; undefined until it can be told. */
  get timeLeftMs(): number | undefined {
    const p = this.progress;
    if (!p || !p.total || p.loaded <= 0) return undefined;
    const elapsed = Date.now() - p.startedAt;
    return (elapsed / p.loaded) * (p.total - p.loaded);
  }

  private syncStates(loading = this.task.status === TaskStatus.PENDING): void {
    this.host.setCustomState('loading', loading);
    this.host.setCustomState('error', !loading && this.error !== undefined);
    this.host.setCustomState('stale', loading && this.value !== undefined);
    const empty = !loading && this.value !== undefined && (this.options.isEmpty?.(this.value) ?? false);
    this.host.setCustomState('empty', empty);
  }

  /** Renders by status; widgets usually pass only `complete` and use the shared state views. */
  render(renderers: {
    complete: (value: T) => TemplateResult | unknown;
    pending: () => TemplateResult | unknown;
    error: (error: CrmError) => TemplateResult | unknown;
    cancelled: () => TemplateResult | unknown;
    noAdapter: () => TemplateResult | unknown;
  }): unknown {
    switch (this.status) {
      case 'no-adapter':
        return renderers.noAdapter();
      case 'idle':
      case 'loading':
        return this.value !== undefined ? renderers.complete(this.value) : renderers.pending();
      case 'complete':
        return renderers.complete(this.value as T);
      case 'error':
        return renderers.error(this.error as CrmError);
      case 'cancelled':
        return this.value !== undefined ? renderers.complete(this.value) : renderers.cancelled();
    }
  }
}
