import { registerWorkerTask, withTransfer } from '../../worker/registry.js';
import { classifyPacked, transferablesOf, type ClassificationOptions, type PackedClassificationInput, type PackedClassificationResult } from './classification.js';
import { isForgotten } from './forgotten.js';

/** Input of the `clients.classify` worker task: packed columns (transferred) and the options. */
export interface ClassifyClientsTaskInput {
  readonly packed: PackedClassificationInput;
  readonly options: ClassificationOptions;
  /**
   * Also flag forgotten clients ({@link isForgotten}) for this many days, in the worker, so the
   * page does not compute it client by client. Omitted: no `forgotten` column.
   */
  readonly forgottenDays?: number;
}

/** The classification, plus the forgotten flags (1 = forgotten) when asked for. */
export type ClassifyClientsTaskOutput = PackedClassificationResult & { readonly forgotten?: Uint8Array };

/**
 * The client-base classification as a worker task, so 250,000 deals and 1,000,000 activities are
 * classified off the main thread. Send the packed input with
 * `runInWorker(classifyClientsTask, input, { transfer: transferablesOf(input.packed) })`; the
 * result's typed arrays come back transferred too.
 */
export const classifyClientsTask = registerWorkerTask<ClassifyClientsTaskInput, ClassifyClientsTaskOutput>('clients.classify', (input) => {
  const result = classifyPacked(input.packed, input.options);
  if (input.forgottenDays === undefined) return withTransfer(result, transferablesOf(result));
  const forgotten = forgottenFlags(result, { now: input.options.now, days: input.forgottenDays, timeZone: input.options.timeZone });
  const out: ClassifyClientsTaskOutput = { ...result, forgotten };
  return withTransfer(out, transferablesOf(out));
});

/** {@link isForgotten} of every client as one column (1 = forgotten). */
export function forgottenFlags(result: PackedClassificationResult, options: Parameters<typeof isForgotten>[2]): Uint8Array {
  const out = new Uint8Array(result.classCode.length);
  for (let i = 0; i < out.length; i++) out[i] = isForgotten(result, i, options) ? 1 : 0;
  return out;
}
