/**
 * The compute worker: runs registered pure tasks off the main thread. Loaded as a module
 * worker by `runner.ts`; registers its tasks by importing `tasks.ts`.
 */
import type { RunMessage, WorkerReply } from './protocol.js';
import { getWorkerTask, runTaskToEnd, unwrapTransfer, workerTaskNames } from './registry.js';
import './tasks.js';

interface WorkerScope {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<RunMessage>) => void): void;
}
const scope = self as unknown as WorkerScope;
// Never aborted from here: the runner cancels a task by terminating the worker.
const signal = new AbortController().signal;

function reply(message: WorkerReply, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

scope.addEventListener('message', (event: MessageEvent<RunMessage>) => {
  const msg = event.data;
  if (msg?.type !== 'run') return;
  const task = getWorkerTask(msg.task);
  if (!task) {
    reply({ type: 'error', id: msg.id, name: 'Error', message: `Unknown worker task "${msg.task}"`, unknownTask: true });
    return;
  }
  runTaskToEnd(task, msg.input, { signal }).then(
    (result) => {
      const { value, transfer } = unwrapTransfer(result);
      try {
        reply({ type: 'result', id: msg.id, value }, transfer);
      } catch (e) {
        const err = e instanceof Error ? e : new Error(String(e));
        reply({ type: 'error', id: msg.id, name: err.name, message: `result of "${msg.task}" cannot be sent: ${err.message}` });
      }
    },
    (e: unknown) => {
      const err = e instanceof Error ? e : new Error(String(e));
      reply({ type: 'error', id: msg.id, name: err.name, message: err.message, stack: err.stack });
    },
  );
});

reply({ type: 'ready', tasks: workerTaskNames() });
