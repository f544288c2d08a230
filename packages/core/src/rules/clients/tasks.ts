import { registerWorkerTask, withTransfer } from '../../worker/registry.js';
import {
  assemblePackedInput,
  classifyPacked,
  transferablesOf,
  type ClassificationOptions,
  type PackedChunk,
  type PackedClassificationInput,
  type PackedClassificationResult,
} from './classification.js';
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

/**
 * Messages on the port of {@link classifyClientsStreamTask}, from the page. The task answers
 * `{ type: 'started' }` once it listens: send the chunks after that.
 */
export type ClassifyStreamMessage =
  | ({ readonly type: 'chunk' } & PackedChunk)
  | { readonly type: 'end'; readonly head: Pick<PackedClassificationInput, 'clientCount' | 'commFlags' | 'touchedAt'> }
  | { readonly type: 'cancel' };

/** Input of the `clients.classify-stream` worker task (transfer the port). */
export interface ClassifyClientsStreamInput {
  /** Receives {@link ClassifyStreamMessage}s: packed chunks as they fill, then `end`. */
  readonly port: MessagePort;
  readonly options: ClassificationOptions;
  readonly forgottenDays?: number;
}

/**
 * {@link classifyClientsTask} fed chunk by chunk: the page packs records and posts each chunk of
 * columns over a `MessagePort` (transferring its buffers) as soon as it fills, so the page never
 * holds the whole packed input (tens of MB at 1,000,000 activities) and its garbage collector
 * has far less to do; the worker keeps the chunks, joins them at `end` and classifies. Same
 * result as the one-message task.
 */
export const classifyClientsStreamTask = registerWorkerTask<ClassifyClientsStreamInput, ClassifyClientsTaskOutput>(
  'clients.classify-stream',
  (input) =>
    new Promise<ClassifyClientsTaskOutput>((resolve, reject) => {
      const chunks: PackedChunk[] = [];
      input.port.onmessage = (e: MessageEvent<ClassifyStreamMessage>) => {
        const m = e.data;
        if (m.type === 'chunk') {
          chunks.push({ kind: m.kind, cols: m.cols });
          return;
        }
        input.port.close();
        if (m.type === 'cancel') {
          reject(new DOMException('The classification was cancelled.', 'AbortError'));
          return;
        }
        try {
          const packed = assemblePackedInput(m.head, chunks);
          chunks.length = 0;
          const result = classifyPacked(packed, input.options);
          const out: ClassifyClientsTaskOutput =
            input.forgottenDays === undefined ? result : { ...result, forgotten: forgottenFlags(result, { now: input.options.now, days: input.forgottenDays, timeZone: input.options.timeZone }) };
          resolve(withTransfer(out, transferablesOf(out)));
        } catch (err) {
          reject(err instanceof Error ? err : new Error(String(err)));
        }
      };
      // Tell the page the port has arrived: chunks posted before would wait in the page and
      // travel with the port in one piece.
      input.port.postMessage({ type: 'started' });
    }),
);

/** {@link isForgotten} of every client as one column (1 = forgotten). */
export function forgottenFlags(result: PackedClassificationResult, options: Parameters<typeof isForgotten>[2]): Uint8Array {
  const out = new Uint8Array(result.classCode.length);
  for (let i = 0; i < out.length; i++) out[i] = isForgotten(result, i, options) ? 1 : 0;
  return out;
}
