/**
 * Time slicing for the client rules on the main thread. A rule written as a generator `yield`s
 * every few hundred records; {@link runSteps} runs it to the end at once (tests, small portals),
 * {@link runStepsSliced} runs it in slices of at most `budgetMs` (default 8 ms) of work and gives
 * the page back between them, so 75,000 cards or 1,000,000 activities never block input for
 * longer than a frame or two. Both produce the same value: slicing changes only *when* work runs.
 */
import { yieldToPage } from '../../worker/registry.js';

export interface SliceOptions {
  /** Checked between slices: aborting rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Work per slice, in milliseconds (default 8). */
  readonly budgetMs?: number;
}

/** Default work per slice: leaves room under the 50 ms long-task line even on a loaded machine. */
export const SLICE_BUDGET_MS = 8;

/** A rule's steps: yields between small batches, returns the result. */
export type Steps<T> = Generator<void, T, void>;

/** Runs every step now. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

const clock = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Runs the steps in slices of about `budgetMs`, yielding to the page between slices. */
export async function runStepsSliced<T>(steps: Steps<T>, options: SliceOptions = {}): Promise<T> {
  const budget = options.budgetMs ?? SLICE_BUDGET_MS;
  options.signal?.throwIfAborted();
  let start = clock();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (clock() - start >= budget) {
      await yieldToPage();
      options.signal?.throwIfAborted();
      start = clock();
    }
  }
}
