import { registerWorkerTask, withTransfer } from '../../worker/registry.js';
import { classifyPacked, transferablesOf, type ClassificationOptions, type PackedClassificationInput, type PackedClassificationResult } from './classification.js';

/** Input of the `clients.classify` worker task: packed columns (transferred) and the options. */
export interface ClassifyClientsTaskInput {
  readonly packed: PackedClassificationInput;
  readonly options: ClassificationOptions;
}

/**
 * The client-base classification as a worker task, so 250,000 deals and 1,000,000 activities are
 * classified off the main thread. Send the packed input with
 * `runInWorker(classifyClientsTask, input, { transfer: transferablesOf(input.packed) })`; the
 * result's typed arrays come back transferred too.
 */
export const classifyClientsTask = registerWorkerTask<ClassifyClientsTaskInput, PackedClassificationResult>('clients.classify', (input) => {
  const result = classifyPacked(input.packed, input.options);
  return withTransfer(result, transferablesOf(result));
});
