import {
  CrmError,
} from '@crmkit/core/adapter/index.js';
import { classify, toCrmErrorFromBitrix, type BitrixErrorBody } from './errors.js';
import { assertReadMethod } from './allowlist.js';
import { buildQuery } from './query-string.js';
import type { Transport } from './transport.js';

/** The `time` block of a response; every field may be missing on older portals. */
export interface TimeInfo {
  readonly start?: number;
  readonly finish?: number;
  /** Seconds the portal spent on the call (`finish - start`). */
  readonly duration?: number;
  /** The method's operating time as the portal counts it against its 480 s per 10 minutes. */
  readonly operating?: number;
  readonly operating_reset_at?: number;
}

export interface CallResult<T = unknown> {
  readonly result: T;
  readonly total?: number;
  readonly next?: number;
  readonly time?: TimeInfo;
}

export interface RateLimit {
  /** Requests allowed at once (50; 250 on Enterprise plans). */
  readonly burst: number;
  /** Requests the portal forgives per second (2; 5 on Enterprise plans). */
  readonly rate: number;
}
export const STANDARD_LIMIT: RateLimit = { burst: 50, rate: 2 };
export const ENTERPRISE_LIMIT: RateLimit = { burst: 250, rate: 5 };

export interface RestClientOptions {
  readonly limit?: RateLimit;
  /** Retries of network failures, 5xx and broken JSON (3). */
  readonly maxRetries?: number;
  /**
   * Longest single wait for a rate-limited or paused method before giving up (11 minutes: the
   * portal's 10-minute operating window, whose reset time is rounded to the second, and skew).
   */
  readonly maxWaitMs?: number;
  /** First backoff step (500 ms); doubles per attempt. */
  readonly backoffMs?: number;
}

/**
 * The client-side leaky bucket, one per portal: Bitrix24 counts requests per portal, so every
 * adapter and widget on the page draws from the same bucket.
 */
export class PortalLimiter {
  private level = 0;
  private at = Date.now();
  private chain: Promise<void> = Promise.resolve();
  /** Method → epoch ms until which it is paused (OPERATION_TIME_LIMIT). */
  readonly pausedUntil = new Map<string, number>();
  /** Method → the last `operating_reset_at` seen, epoch ms. */
  readonly resetAt = new Map<string, number>();
  limit: RateLimit;

  constructor(limit: RateLimit) {
    this.limit = limit;
  }

  private drain(): void {
    const now = Date.now();
    this.level = Math.max(0, this.level - ((now - this.at) / 1000) * this.limit.rate);
    this.at = now;
  }

  /** Waits for a place in the bucket; requests leave in arrival order. */
  acquire(): Promise<void> {
    const next = this.chain.then(async () => {
      for (;;) {
        this.drain();
        if (this.level + 1 <= this.limit.burst) {
          this.level += 1;
          return;
        }
        const waitMs = ((this.level + 1 - this.limit.burst) / this.limit.rate) * 1000;
        await sleep(Math.max(5, waitMs));
      }
    });
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Gives back a place taken for a request that had nothing left to send. */
  refund(): void {
    this.drain();
    this.level = Math.max(0, this.level - 1);
  }

  /** The portal said QUERY_LIMIT_EXCEEDED: our count was low (other apps share the bucket). */
  onQueryLimit(): void {
    this.drain();
    this.level = this.limit.burst;
  }
}

const limiters = new Map<string, PortalLimiter>();
const clients = new Map<string, RestClient>();
const byTransport = new WeakMap<Transport, RestClient>();

/** One client per transport object, when the caller brings its own transport. */
export function restClientFor(transport: Transport, options: RestClientOptions = {}): RestClient {
  let c = byTransport.get(transport);
  if (!c || c.disposed) {
    c = new RestClient(transport, options);
    byTransport.set(transport, c);
  }
  return c;
}

/** The limiter of a portal, shared by every client on the page. */
export function portalLimiter(origin: string, limit: RateLimit = STANDARD_LIMIT): PortalLimiter {
  let l = limiters.get(origin);
  if (!l) {
    l = new PortalLimiter(limit);
    limiters.set(origin, l);
  } else if (limit.burst > l.limit.burst) {
    l.limit = limit;
  }
  return l;
}

/** One client per transport key (portal + user), shared by every adapter instance on the page. */
export function sharedRestClient(key: string, make: () => RestClient): RestClient {
  let c = clients.get(key);
  if (!c || c.disposed) {
    c = make();
    clients.set(key, c);
  }
  return c;
}

/** Forgets shared clients and limiters (tests). */
export function resetSharedClients(): void {
  for (const c of clients.values()) c.dispose();
  clients.clear();
  limiters.clear();
}

interface Command {
  readonly method: string;
  readonly params: Record<string, unknown>;
  readonly signal?: AbortSignal;
  resolve(r: CallResult): void;
  reject(e: unknown): void;
  attempts: number;
  refreshed: boolean;
  firstAt: number;
  /** Backoff waited so far (operating pauses excluded). */
  waitedMs: number;
}

export interface ClientStats {
  /** HTTP requests sent (a batch is one). */
  requests: number;
  batches: number;
  commands: number;
  retries: number;
  refreshes: number;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

function isErrorBody(b: unknown): b is BitrixErrorBody {
  return typeof b === 'object' && b !== null && 'error' in b;
}

/**
 * Our REST client: a queue of commands that leave as `batch` requests of up to 50 (commands
 * issued in the same tick by any widget share a request), a shared leaky bucket, backoff on
 * QUERY_LIMIT_EXCEEDED, a per-method pause until `operating_reset_at` on OPERATION_TIME_LIMIT,
 * one coalesced token refresh on `expired_token`, retries for network failures, 5xx and broken
 * JSON, and no retry for access errors. Errors are classified by the `error` string.
 * Only methods of the read allowlist can be called.
 */
export class RestClient {
  readonly transport: Transport;
  readonly limiter: PortalLimiter;
  readonly stats: ClientStats = { requests: 0, batches: 0, commands: 0, retries: 0, refreshes: 0 };
  disposed = false;
  private readonly maxRetries: number;
  private readonly maxWaitMs: number;
  private readonly backoffMs: number;
  private pending: Command[] = [];
  private scheduled = false;
  private pumping = false;
  private refreshing: Promise<void> | null = null;
  private timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(transport: Transport, options: RestClientOptions = {}) {
    this.transport = transport;
    this.limiter = portalLimiter(transport.origin, options.limit ?? STANDARD_LIMIT);
    this.maxRetries = options.maxRetries ?? 3;
    this.maxWaitMs = options.maxWaitMs ?? 660_000;
    this.backoffMs = options.backoffMs ?? 500;
  }

  /** Calls one read method. Calls made in the same tick travel together in one batch. */
  call<T = unknown>(method: string, params: Record<string, unknown> = {}, signal?: AbortSignal): Promise<CallResult<T>> {
    assertReadMethod(method);
    signal?.throwIfAborted();
    return new Promise<CallResult<T>>((resolve, reject) => {
      const cmd: Command = { method, params, signal, resolve: resolve as (r: CallResult) => void, reject, attempts: 0, refreshed: false, firstAt: Date.now(), waitedMs: 0 };
      signal?.addEventListener(
        'abort',
        () => {
          const i = this.pending.indexOf(cmd);
          if (i >= 0) this.pending.splice(i, 1);
          reject(signal.reason);
        },
        { once: true },
      );
      this.enqueue(cmd);
    });
  }

  dispose(): void {
    this.disposed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const c of this.pending) c.reject(new DOMException('Adapter disposed', 'AbortError'));
    this.pending = [];
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  private enqueue(cmd: Command): void {
    if (this.disposed) {
      cmd.reject(new DOMException('Adapter disposed', 'AbortError'));
      return;
    }
    this.pending.push(cmd);
    if (!this.scheduled) {
      this.scheduled = true;
      this.later(0, () => this.flush());
    }
  }

  /**
   * Sends `cmd` again after `ms`. Gives up when this one wait is longer than `maxWaitMs`, or
   * when backoffs (not the portal's operating pauses) add up to more than `maxWaitMs`. An
   * operating pause lasts at most the portal's 10-minute window and a long first load meets
   * several, after its commands queued behind the bucket for minutes: counting them, or the
   * command's age, would fail a load that is progressing.
   */
  private retryLater(cmd: Command, ms: number, reason: CrmError, paused = false): void {
    if (!paused) cmd.waitedMs += ms;
    if (ms > this.maxWaitMs || cmd.waitedMs > this.maxWaitMs) {
      cmd.reject(new CrmError(reason.code, { detail: reason.detail, source: cmd.method, retryAfterMs: ms }));
      return;
    }
    this.stats.retries++;
    this.later(ms, () => this.enqueue(cmd));
  }

  private flush(): void {
    this.scheduled = false;
    void this.pump();
  }

  /** Drops aborted commands and sets aside those of a paused method; true when some can go. */
  private prune(): boolean {
    const now = Date.now();
    const ready: Command[] = [];
    for (const c of this.pending) {
      if (c.signal?.aborted) continue;
      const until = this.limiter.pausedUntil.get(c.method) ?? 0;
      if (until > now) this.retryLater(c, until - now, new CrmError('rate-limited', { detail: 'OPERATION_TIME_LIMIT' }), true);
      else ready.push(c);
    }
    this.pending = ready;
    return ready.length > 0;
  }

  /**
   * Sends the queue as batches of up to 50 commands. A batch is cut when the bucket grants its
   * request, not when its commands were queued: while the bucket makes requests wait, commands
   * queued meanwhile (a scan's follow-up pages, another widget's list) fill the next batch
   * instead of leaving in half-empty ones, so a throttled load costs about one request per 50
   * commands. With room in the bucket, commands of one tick leave at once, as before.
   */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (!this.disposed && this.prune()) {
        try {
          await this.limiter.acquire();
        } catch (e) {
          const failed = this.pending;
          this.pending = [];
          for (const c of failed) c.reject(e);
          return;
        }
        if (this.disposed || !this.prune()) {
          this.limiter.refund();
          return;
        }
        void this.send(this.pending.splice(0, 50));
      }
    } finally {
      this.pumping = false;
    }
  }

  private backoff(attempt: number): number {
    return this.backoffMs * 2 ** Math.max(0, attempt - 1);
  }

  private async send(chunk: Command[]): Promise<void> {
    const live = chunk.filter((c) => !c.signal?.aborted);
    if (live.length === 0) return;
    this.stats.requests++;
    this.stats.commands += live.length;
    let status = 0;
    let body: unknown;
    const authVersion = this.transport.authVersion;
    try {
      if (live.length === 1) {
        const c = live[0];
        ({ status, body } = await this.transport.send(c.method, c.params, c.signal));
      } else {
        this.stats.batches++;
        const cmd: Record<string, string> = {};
        live.forEach((c, i) => (cmd[`c${i}`] = `${c.method}?${buildQuery(c.params)}`));
        ({ status, body } = await this.transport.send('batch', { halt: 0, cmd }));
      }
    } catch (e) {
      if ((e as { name?: string })?.name === 'AbortError') {
        for (const c of live) if (c.signal?.aborted) c.reject(c.signal.reason);
        const rest = live.filter((c) => !c.signal?.aborted);
        for (const c of rest) this.enqueue(c);
        return;
      }
      const code = e instanceof SyntaxError ? 'bad-response' : 'network';
      const err = new CrmError(code, { detail: e instanceof Error ? e.message : String(e), cause: e });
      for (const c of live) this.retryOrFail(c, err);
      return;
    }
    if (isErrorBody(body)) {
      this.onRequestError(live, body, status, authVersion);
      return;
    }
    if (typeof body !== 'object' || body === null || !('result' in body)) {
      const err = new CrmError('bad-response', { detail: `HTTP ${status}: no result` });
      for (const c of live) this.retryOrFail(c, err);
      return;
    }
    const b = body as { result: unknown; total?: number; next?: number; time?: TimeInfo };
    if (live.length === 1) {
      this.noteTime(live[0].method, b.time);
      live[0].resolve({ result: b.result, total: b.total, next: b.next, time: b.time });
      return;
    }
    const r = (b.result ?? {}) as {
      result?: Record<string, unknown> | unknown[];
      result_error?: Record<string, BitrixErrorBody> | unknown[];
      result_total?: Record<string, number> | unknown[];
      result_next?: Record<string, number> | unknown[];
      result_time?: Record<string, TimeInfo> | unknown[];
    };
    const obj = <V>(x: Record<string, V> | unknown[] | undefined): Record<string, V> => (x && !Array.isArray(x) ? x : {});
    const results = obj(r.result);
    const errors = obj(r.result_error);
    const totals = obj(r.result_total);
    const nexts = obj(r.result_next);
    const times = obj(r.result_time);
    live.forEach((c, i) => {
      const key = `c${i}`;
      const err = errors[key];
      if (err) {
        // A command's own `time` only: the batch's is the `batch` method's, whose reset is
        // 10 minutes from now, not when this command's method frees up.
        this.onCommandError(c, err, times[key]);
        return;
      }
      if (!(key in results)) {
        this.retryOrFail(c, new CrmError('bad-response', { detail: 'batch: no result for command', source: c.method }));
        return;
      }
      this.noteTime(c.method, times[key]);
      c.resolve({ result: results[key], total: totals[key], next: nexts[key], time: times[key] });
    });
  }

  private noteTime(method: string, time: TimeInfo | undefined): void {
    if (time?.operating_reset_at) this.limiter.resetAt.set(method, time.operating_reset_at * 1000);
  }

  private retryOrFail(c: Command, err: CrmError): void {
    c.attempts++;
    if (c.attempts > this.maxRetries || !err.retryable) c.reject(err);
    else this.retryLater(c, this.backoff(c.attempts), err);
  }

  private pauseMethod(method: string, time: TimeInfo | undefined): number {
    const now = Date.now();
    const fromBody = time?.operating_reset_at ? time.operating_reset_at * 1000 : 0;
    const known = this.limiter.resetAt.get(method) ?? 0;
    const until = Math.max(fromBody, known) > now ? Math.max(fromBody, known) : now + 10_000;
    this.limiter.pausedUntil.set(method, until);
    return until - now;
  }

  private onCommandError(c: Command, err: BitrixErrorBody, time: TimeInfo | undefined): void {
    const cls = classify(err.error, err.error_description);
    if (cls === 'operation-limit') {
      const wait = this.pauseMethod(c.method, time);
      this.retryLater(c, wait, toCrmErrorFromBitrix(err, c.method, wait), true);
    } else if (cls === 'query-limit') {
      this.limiter.onQueryLimit();
      c.attempts++;
      this.retryLater(c, this.backoff(c.attempts), toCrmErrorFromBitrix(err, c.method));
    } else if (cls === 'server') {
      this.retryOrFail(c, toCrmErrorFromBitrix(err, c.method));
    } else {
      c.reject(toCrmErrorFromBitrix(err, c.method));
    }
  }

  private onRequestError(live: Command[], body: BitrixErrorBody, status: number, authVersion?: number): void {
    const cls = classify(body.error, body.error_description);
    const method = live.length === 1 ? live[0].method : 'batch';
    if (cls === 'query-limit') {
      this.limiter.onQueryLimit();
      for (const c of live) {
        c.attempts++;
        this.retryLater(c, this.backoff(c.attempts), toCrmErrorFromBitrix(body, c.method));
      }
    } else if (cls === 'operation-limit') {
      const wait = this.pauseMethod(method, (body as { time?: TimeInfo }).time);
      for (const c of live) this.retryLater(c, wait, toCrmErrorFromBitrix(body, c.method, wait), true);
    } else if (cls === 'expired-token' && this.transport.refreshAuth) {
      const again = live.filter((c) => !c.refreshed);
      for (const c of live) if (c.refreshed) c.reject(toCrmErrorFromBitrix(body, c.method));
      if (again.length === 0) return;
      void this.refreshOnce(authVersion).then(
        () => {
          for (const c of again) {
            c.refreshed = true;
            this.enqueue(c);
          }
        },
        (e: unknown) => {
          for (const c of again) c.reject(new CrmError('auth-expired', { detail: String(e), source: c.method, cause: e }));
        },
      );
    } else if (cls === 'server' || (status >= 500 && cls === 'invalid')) {
      for (const c of live) this.retryOrFail(c, toCrmErrorFromBitrix({ error: body.error || 'INTERNAL_SERVER_ERROR', error_description: body.error_description }, c.method));
    } else {
      for (const c of live) c.reject(toCrmErrorFromBitrix(body, c.method));
    }
  }

  /** One refresh for every request that met `expired_token` at about the same time. */
  private refreshOnce(seenVersion?: number): Promise<void> {
    if (!this.refreshing) {
      this.stats.refreshes++;
      this.refreshing = this.transport.refreshAuth!(seenVersion).finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }
}
