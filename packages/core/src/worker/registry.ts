/**
 * Named pure tasks that may run in the compute worker. A rules module defines its heavy
 * functions as tasks; the worker registers them by importing the module (see `tasks.ts`), and
 * the main thread has them too once a widget imports the module, so the same function runs in
 * either place with the same result.
 */

/** What a running task may use besides its input. */
export interface TaskContext {
  /** Aborted when the caller cancels (on the main thread; in a worker the worker is terminated). */
  readonly signal: AbortSignal;
}

/**
 * A pure function of its (structured-clonable) input. Return the result directly, a promise,
 * or make it a generator that `yield`s now and then in long loops: on the main thread (no
 * Worker available) the runner then splits it into slices and lets the page breathe between
 * them; in a worker the yields cost nothing.
 */
export type WorkerTaskFn<I, O> = (input: I, ctx: TaskContext) => O | Promise<O> | Generator<unknown, O, unknown>;

export interface WorkerTask<I, O> {
  readonly name: string;
  readonly fn: WorkerTaskFn<I, O>;
}

const TRANSFER = Symbol.for('crmkit.worker.transfer');

/** A task result with buffers to move (not copy) back to the caller. */
export interface TransferResult<O> {
  readonly [TRANSFER]: true;
  readonly value: O;
  readonly transfer: readonly Transferable[];
}

/** Wraps a task's result so its typed arrays' buffers are transferred, not copied. */
export function withTransfer<O>(value: O, transfer: readonly Transferable[]): O {
  return { [TRANSFER]: true, value, transfer } as TransferResult<O> as unknown as O;
}

/** Splits a task's return value into the value and what to transfer. */
export function unwrapTransfer(result: unknown): { value: unknown; transfer: Transferable[] } {
  if (typeof result === 'object' && result !== null && (result as Partial<TransferResult<unknown>>)[TRANSFER] === true) {
    const r = result as TransferResult<unknown>;
    return { value: r.value, transfer: [...r.transfer] };
  }
  return { value: result, transfer: [] };
}

const registry = new Map<string, WorkerTask<never, unknown>>();

/**
 * Registers a pure task under a unique name (`<area>.<function>`, e.g. `client-base.classify`)
 * and returns a typed handle for {@link runInWorker}. Registering the same function again is a
 * no-op; another function under a taken name replaces it with a warning.
 */
export function registerWorkerTask<I, O>(name: string, fn: WorkerTaskFn<I, O>): WorkerTask<I, O> {
  const existing = registry.get(name);
  if (existing && existing.fn !== (fn as unknown)) {
    console.warn(`[crmkit] worker task "${name}" registered twice; the later definition wins`);
  }
  const task: WorkerTask<I, O> = { name, fn };
  registry.set(name, task as unknown as WorkerTask<never, unknown>);
  return task;
}

/** Alias of {@link registerWorkerTask}, reading better at a definition site. */
export const defineWorkerTask = registerWorkerTask;

export function getWorkerTask(name: string): WorkerTask<unknown, unknown> | undefined {
  return registry.get(name) as WorkerTask<unknown, unknown> | undefined;
}

export function workerTaskNames(): string[] {
  return [...registry.keys()].sort();
}

function isIterator(v: unknown): v is Iterator<unknown, unknown, unknown> {
  return typeof v === 'object' && v !== null && typeof (v as Iterator<unknown>).next === 'function' && Symbol.iterator in v;
}

/** Runs a task to the end without pausing (inside a worker). */
export async function runTaskToEnd(task: WorkerTask<unknown, unknown>, input: unknown, ctx: TaskContext): Promise<unknown> {
  const r = task.fn(input as never, ctx);
  if (isIterator(r)) {
    for (;;) {
      const step = r.next();
      if (step.done) return step.value;
    }
  }
  return r;
}

/** Lets the page handle input and paint: `scheduler.yield()` where available, else a macrotask. */
export function yieldToPage(): Promise<void> {
  const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (s?.yield) return s.yield();
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}

/**
 * Runs a task on this thread in slices of about `sliceMs`, yielding to the page between them
 * and stopping with the signal's reason when cancelled. A non-generator task is one slice.
 */
export async function runTaskSliced(
  task: WorkerTask<unknown, unknown>,
  input: unknown,
  signal: AbortSignal,
  sliceMs = 8,
  pause: () => Promise<void> = yieldToPage,
): Promise<unknown> {
  await pause();
  signal.throwIfAborted();
  const r = task.fn(input as never, { signal });
  if (!isIterator(r)) {
    const value = await r;
    signal.throwIfAborted();
    return value;
  }
  let sliceStart = performance.now();
  for (;;) {
    const step = r.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await pause();
      signal.throwIfAborted();
      sliceStart = performance.now();
    }
  }
}
