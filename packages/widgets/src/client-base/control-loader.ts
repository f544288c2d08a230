import { toCrmError, type CrmError, type DataAdapter, type LoadProgress, type ProgressState, type StateViewController } from '@crmkit/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ClientBaseData, ControlActivities } from './client-base-data.js';

type Loader = (adapter: DataAdapter, options: { signal: AbortSignal; force: boolean; now: number; open: ClientBaseData['activities']; persistent?: boolean; onProgress?: (p: LoadProgress) => void }) => Promise<ControlActivities>;

/**
 * Manager control's own activities, when the client base's load read only the open ones and the
 * deciding dialogs: loaded the first time the control view is shown for a given load (a refresh
 * of the client base brings a new one), with progress, Cancel, Retry and Refresh like any load.
 */
export class ControlActivitiesController implements ReactiveController, StateViewController {
  status: 'idle' | 'loading' | 'complete' | 'error' | 'cancelled' = 'idle';
  value?: ControlActivities;
  error?: CrmError;
  progress?: ProgressState;
  private forData?: ClientBaseData;
  private abort?: AbortController;
  private cancelledByUser = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly context: () => { adapter?: DataAdapter; persistent: boolean; loader: () => Promise<Loader> },
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.abort?.abort();
    // A reconnected widget loads again.
    this.forData = undefined;
    if (this.status === 'loading') this.status = 'idle';
  }

  /** Starts the load for `data` unless it ran (or runs) already; `force` bypasses the cache. */
  ensure(data: ClientBaseData, force = false): void {
    if (this.forData === data) return;
    this.start(data, force);
  }

  private start(data: ClientBaseData, force: boolean): void {
    const { adapter, persistent, loader } = this.context();
    if (!adapter) return;
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    this.forData = data;
    this.status = 'loading';
    this.error = undefined;
    this.cancelledByUser = false;
    this.progress = undefined;
    this.host.requestUpdate();
    void loader()
      .then((load) =>
        load(adapter, {
          signal: abort.signal,
          force,
          now: data.now,
          open: data.activities,
          persistent,
          onProgress: (p) => {
            this.progress = { ...p, startedAt: this.progress?.startedAt ?? Date.now() };
            this.host.requestUpdate();
          },
        }),
      )
      .then(
        (value) => {
          if (abort.signal.aborted) return;
          this.value = value;
          this.status = 'complete';
        },
        (e: unknown) => {
          if (this.abort !== abort) return;
          if ((e as { name?: string }).name === 'AbortError') {
            this.status = this.cancelledByUser ? 'cancelled' : 'idle';
            return;
          }
          this.error = toCrmError(e);
          console.error('[crmkit]', this.host.localName, this.error);
          this.status = 'error';
        },
      )
      .finally(() => {
        if (this.abort === abort) this.progress = undefined;
        this.host.requestUpdate();
      });
  }

  get stale(): boolean {
    return this.status === 'loading' && this.value !== undefined;
  }

  get asOf(): number | undefined {
    return this.value?.fetchedAt;
  }

  get timeLeftMs(): number | undefined {
    const p = this.progress;
    if (!p || !p.total || p.loaded <= 0) return undefined;
    return ((Date.now() - p.startedAt) / p.loaded) * (p.total - p.loaded);
  }

  cancel(): void {
    this.cancelledByUser = true;
    this.abort?.abort();
  }

  retry(): void {
    if (this.forData) this.start(this.forData, false);
  }

  refresh(force = false): void {
    if (this.forData) this.start(this.forData, force);
  }
}
