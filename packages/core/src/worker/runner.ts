import type { RunMessage, WorkerReply } from './protocol.js';
import { getWorkerTask, runTaskSliced, unwrapTransfer } from './registry.js';
import type { WorkerTask } from './registry.js';

export interface RunInWorkerOptions {
  /** Cancels the task: the worker running it is terminated, the promise rejects with the signal's reason (an AbortError). */
  readonly signal?: AbortSignal;
  /** Buffers of the input to move to the worker instead of copying (they become unusable here). */
  readonly transfer?: readonly Transferable[];
  /** `auto` (default): a worker when possible, else the main thread in slices. `main` forces the main thread. */
  readonly mode?: 'auto' | 'main';
  /**
   * Terminate the worker once this task is done instead of keeping it for the next task (a new
   * one starts then). For a big, once-per-load task (the client base's classification of every
   * list): its heap goes back at once, not after a minute idle; otherwise a reload within
   * that minute pays for tearing it down before the new page can run.
   */
  readonly recycle?: boolean;
}

interface Slot {
  readonly worker: Worker;
  readonly ready: Promise<boolean>;
  busy: boolean;
  /** Rejects the task running in it, when the worker is terminated from outside. */
  stop?: () => void;
  idleTimer?: ReturnType<typeof setTimeout>;
}

const IDLE_MS = 60_000;
const pool: Slot[] = [];
const waiting: ((slot: Slot | undefined) => void)[] = [];
let nextId = 1;
/** Set once a worker failed to start: from then on tasks run on the main thread. */
let workersBroken = false;

function maxWorkers(): number {
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
  return Math.max(1, Math.min(4, cores - 1));
}

function sibling(file: string): URL {
  return new URL(file, import.meta.url);
}

/**
 * Served as TypeScript (web-test-runner, Vite dev with the `crmkit-source` condition), this file's
 * sibling is `compute.worker.ts`; built, it is `compute.worker.js`, written literally so bundlers
 * (Vite) recognise the worker and emit it.
 */
function createWorker(): Worker {
  // `Worker` here is the Trusted-Types-aware subclass below; the expression keeps the literal
  // `new Worker(new URL('…', import.meta.url))` shape that bundlers look for to emit the worker.
  const Worker = trustedWorkerClass();
  if (import.meta.url.endsWith('.ts')) return new Worker(sibling('./compute.worker.ts'), { type: 'module' });
  return new Worker(new URL('./compute.worker.js', import.meta.url), { type: 'module' });
}

interface TrustedTypePolicyLike {
  createScriptURL(url: string): unknown;
}

let workerPolicy: TrustedTypePolicyLike | undefined | null = null;

/**
 * Under `require-trusted-types-for 'script'` (our CSP promise), `new Worker(url)` needs a
 * TrustedScriptURL. A named policy that only lets through our own worker, on the page's origin
 * or beside this module, keeps the worker usable there; a page whose CSP does not list the
 * name (`trusted-types …`) makes the policy fail, and the work falls back to the main thread.
 */
function trustedWorkerUrl(url: URL | string): URL | string {
  const tt = (globalThis as { trustedTypes?: { createPolicy(name: string, rules: { createScriptURL(u: string): string }): TrustedTypePolicyLike } }).trustedTypes;
  if (!tt) return url;
  if (workerPolicy === null) {
    try {
      workerPolicy = tt.createPolicy('crmkit-worker', {
        createScriptURL: (u: string) => {
          const parsed = new URL(u, import.meta.url);
          if (!/compute\.worker[-.\w]*\.(js|ts)$/.test(parsed.pathname)) throw new TypeError(`crmkit-worker: refusing ${u}`);
          return parsed.href;
        },
      });
    } catch {
      workerPolicy = undefined;
    }
  }
  return workerPolicy ? (workerPolicy.createScriptURL(String(url)) as string) : url;
}

let trustedWorker: typeof globalThis.Worker | undefined;

/** Made on first use: Node (emulators, benchmarks) imports core but has no `Worker` global. */
function trustedWorkerClass(): typeof globalThis.Worker {
  trustedWorker ??= class TrustedWorker extends globalThis.Worker {
    constructor(url: URL | string, options?: WorkerOptions) {
      super(trustedWorkerUrl(url), options);
    }
  };
  return trustedWorker;
}

function spawn(): Slot | undefined {
  let worker: Worker;
  try {
    worker = createWorker();
  } catch (e) {
    console.warn('[crmkit] worker: cannot start a Web Worker, computing on the main thread', e);
    workersBroken = true;
    return undefined;
  }
  const ready = new Promise<boolean>((resolve) => {
    const onMessage = (e: MessageEvent<WorkerReply>): void => {
      if (e.data?.type === 'ready') {
        cleanup();
        resolve(true);
      }
    };
    const onError = (e: ErrorEvent | Event): void => {
      cleanup();
      console.warn('[crmkit] worker: the compute worker failed to load, computing on the main thread', (e as ErrorEvent).message ?? '');
      workersBroken = true;
      resolve(false);
    };
    const cleanup = (): void => {
      worker.removeEventListener('message', onMessage);
      worker.removeEventListener('error', onError);
    };
    worker.addEventListener('message', onMessage);
    worker.addEventListener('error', onError);
  });
  const slot: Slot = { worker, ready, busy: true };
  pool.push(slot);
  return slot;
}

function drop(slot: Slot): void {
  slot.worker.terminate();
  if (slot.idleTimer) clearTimeout(slot.idleTimer);
  const i = pool.indexOf(slot);
  if (i >= 0) pool.splice(i, 1);
}

function acquire(): Promise<Slot | undefined> {
  const idle = pool.find((s) => !s.busy);
  if (idle) {
    idle.busy = true;
    if (idle.idleTimer) clearTimeout(idle.idleTimer);
    return Promise.resolve(idle);
  }
  if (pool.length < maxWorkers()) return Promise.resolve(spawn());
  return new Promise((resolve) => waiting.push(resolve));
}

function release(slot: Slot): void {
  const next = waiting.shift();
  if (next) {
    next(slot);
    return;
  }
  slot.busy = false;
  slot.idleTimer = setTimeout(() => drop(slot), IDLE_MS);
}

/** A slot was dropped (terminated): let a waiting task start a fresh worker, or run on the main thread. */
function replaceDropped(): void {
  if (workersBroken) {
    for (const next of waiting.splice(0)) next(undefined);
    return;
  }
  const next = waiting.shift();
  if (next) next(spawn());
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

const ERRORS: Record<string, ErrorConstructor> = { TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError };

function toError(reply: { name: string; message: string; stack?: string }): Error {
  const Ctor = ERRORS[reply.name] ?? Error;
  const err = new Ctor(reply.message);
  if (!(reply.name in ERRORS) && reply.name !== 'Error') err.name = reply.name;
  if (reply.stack) err.stack = reply.stack;
  return err;
}

async function resolveTask(task: string | WorkerTask<unknown, unknown>): Promise<WorkerTask<unknown, unknown>> {
  if (typeof task !== 'string') return task;
  let found = getWorkerTask(task);
  if (!found) {
    await import('./tasks.js');
    found = getWorkerTask(task);
  }
  if (!found) throw new Error(`Unknown worker task "${task}" (add its module to worker/tasks.ts)`);
  return found;
}

async function runOnMain(task: string | WorkerTask<unknown, unknown>, input: unknown, signal: AbortSignal): Promise<unknown> {
  const t = await resolveTask(task);
  return unwrapTransfer(await runTaskSliced(t, input, signal)).value;
}

/**
 * Runs a registered pure task off the main thread and resolves with its result. Where Web
 * Workers are unavailable (or the worker fails to load) it runs on the main thread in slices
 * that yield to the page, with the same result. A task that throws rejects with an Error of
 * the same name and message; cancelling rejects with the signal's reason (an AbortError) and
 * terminates the worker, so a runaway computation really stops.
 *
 * Pass a handle from `registerWorkerTask` for typed input and output, or the task's name.
 */
export function runInWorker<I, O>(task: WorkerTask<I, O>, input: I, options?: RunInWorkerOptions): Promise<O>;
export function runInWorker<O = unknown>(task: string, input: unknown, options?: RunInWorkerOptions): Promise<O>;
export async function runInWorker(
  task: string | WorkerTask<unknown, unknown>,
  input: unknown,
  options: RunInWorkerOptions = {},
): Promise<unknown> {
  const signal = options.signal ?? new AbortController().signal;
  signal.throwIfAborted();
  const name = typeof task === 'string' ? task : task.name;
  if (options.mode === 'main' || workersBroken || typeof Worker === 'undefined') return runOnMain(task, input, signal);

  const slot = await acquire();
  if (!slot) return runOnMain(task, input, signal);
  if (signal.aborted) {
    release(slot);
    throw abortReason(signal);
  }
  if (!(await slot.ready)) {
    drop(slot);
    replaceDropped();
    return runOnMain(task, input, signal);
  }

  return new Promise<unknown>((resolve, reject) => {
    const id = nextId++;
    const { worker } = slot;
    const finish = (): void => {
      slot.stop = undefined;
      worker.removeEventListener('message', onMessage);
      worker.removeEventListener('error', onError);
      signal.removeEventListener('abort', onAbort);
    };
    const onMessage = (e: MessageEvent<WorkerReply>): void => {
      const msg = e.data;
      if (msg.type === 'ready' || msg.id !== id) return;
      finish();
      if (options.recycle) {
        drop(slot);
        replaceDropped();
      } else release(slot);
      if (msg.type === 'result') resolve(msg.value);
      else if (msg.unknownTask && (typeof task !== 'string' || getWorkerTask(task))) {
        // The widget knows the task but tasks.ts does not list its module: still compute it.
        console.warn(`[crmkit] worker: task "${name}" is not in worker/tasks.ts, running it on the main thread`);
        runOnMain(task, input, signal).then(resolve, reject);
      } else reject(toError(msg));
    };
    const onError = (e: ErrorEvent): void => {
      finish();
      drop(slot);
      replaceDropped();
      reject(new Error(`worker task "${name}" crashed: ${e.message ?? 'unknown error'}`));
    };
    const onAbort = (): void => {
      finish();
      drop(slot);
      replaceDropped();
      reject(abortReason(signal));
    };
    worker.addEventListener('message', onMessage);
    worker.addEventListener('error', onError);
    signal.addEventListener('abort', onAbort, { once: true });
    slot.stop = () => {
      finish();
      reject(new Error(`worker task "${name}" stopped: workers were terminated`));
    };
    const message: RunMessage = { type: 'run', id, task: name, input };
    try {
      worker.postMessage(message, [...(options.transfer ?? [])]);
    } catch (e) {
      // Input that cannot be cloned (a function, a DOM node): the caller's mistake, reported as is.
      finish();
      release(slot);
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}

/** Terminates idle and busy compute workers (their tasks reject); new tasks start fresh ones. */
export function terminateWorkers(): void {
  for (const slot of [...pool]) {
    slot.stop?.();
    drop(slot);
  }
}

/** True when tasks run in Web Workers here (false after a worker failed to load, or without Worker). */
export function workersAvailable(): boolean {
  return !workersBroken && typeof Worker !== 'undefined';
}
