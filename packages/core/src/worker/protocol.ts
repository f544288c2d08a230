/** Messages between the runner and `compute.worker.ts`. */
export interface RunMessage {
  readonly type: 'run';
  readonly id: number;
  readonly task: string;
  readonly input: unknown;
}
export type WorkerReply =
  | { readonly type: 'ready'; readonly tasks: readonly string[] }
  | { readonly type: 'result'; readonly id: number; readonly value: unknown }
  | {
      readonly type: 'error';
      readonly id: number;
      readonly name: string;
      readonly message: string;
      readonly stack?: string;
      /** The worker does not know the task (its module is missing from `tasks.ts`). */
      readonly unknownTask?: boolean;
    };
