import { expect } from '@open-wc/testing';
import { groupSumTask, pingTask } from './builtin-tasks.js';
import type { GroupSumOutput } from './builtin-tasks.js';
import { registerWorkerTask, runTaskSliced } from './registry.js';
import type { WorkerTask } from './registry.js';
import { runInWorker, terminateWorkers } from './runner.js';

function columns(n: number): { keys: Uint32Array; values: Float64Array } {
  const keys = new Uint32Array(n);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    keys[i] = i % 3;
    values[i] = i;
  }
  return { keys, values };
}

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

after(() => terminateWorkers());

describe('runInWorker', () => {
  it('runs a task in a real Web Worker that knows the tasks of tasks.ts', async () => {
    const r = await runInWorker(pingTask, null);
    expect(r.where).to.equal('worker');
    expect(r.tasks).to.include.members(['core.groupSum', 'core.ping']);
  });

  it('returns the same result in the worker as on the main thread', async () => {
    // Rows 0..9 by i % 3: group 0 = 0+3+6+9, group 1 = 1+4+7, group 2 = 2+5+8.
    const small = { ...columns(10), groups: 3 };
    const inWorker = await runInWorker(groupSumTask, small);
    const onMain = await runInWorker(groupSumTask, small, { mode: 'main' });
    expect([...inWorker.sums]).to.deep.equal([18, 12, 15]);
    expect([...inWorker.counts]).to.deep.equal([4, 3, 3]);
    expect([...onMain.sums]).to.deep.equal([...inWorker.sums]);
    expect([...onMain.counts]).to.deep.equal([...inWorker.counts]);
    expect((await runInWorker(pingTask, null, { mode: 'main' })).where).to.equal('main');
  });

  it('transfers typed-array input instead of copying it, and runs by name', async () => {
    const big = columns(300_000);
    const r = await runInWorker<GroupSumOutput>('core.groupSum', { ...big, groups: 3 }, { transfer: [big.keys.buffer, big.values.buffer] });
    // Moved to the worker: the buffers are detached here.
    expect(big.keys.byteLength).to.equal(0);
    expect(r.counts[0] + r.counts[1] + r.counts[2]).to.equal(300_000);
    // Sum of 0..299999 = 299999 × 300000 / 2.
    expect(r.sums[0] + r.sums[1] + r.sums[2]).to.equal(44_999_850_000);
  });

  it('terminates the worker after a recycled task and starts a fresh one for the next', async () => {
    const terminate = Worker.prototype.terminate;
    let terminated = 0;
    Worker.prototype.terminate = function (this: Worker) {
      terminated++;
      terminate.call(this);
    };
    try {
      const r = await runInWorker(groupSumTask, { ...columns(10), groups: 3 }, { recycle: true });
      expect([...r.sums]).to.deep.equal([18, 12, 15]);
      expect(terminated).to.equal(1);
      expect((await runInWorker(pingTask, null)).where).to.equal('worker');
      expect(terminated).to.equal(1); // a task without `recycle` keeps its worker for the next
    } finally {
      Worker.prototype.terminate = terminate;
    }
  });

  it('rejects with AbortError when cancelled, then keeps working', async () => {
    const ctrl = new AbortController();
    const p = runInWorker(groupSumTask, { ...columns(1_000_000), groups: 3 }, { signal: ctrl.signal });
    ctrl.abort();
    expect((await rejection(p)).name).to.equal('AbortError');
    const main = new AbortController();
    const q = runInWorker(groupSumTask, { ...columns(1_000_000), groups: 3 }, { signal: main.signal, mode: 'main' });
    main.abort();
    expect((await rejection(q)).name).to.equal('AbortError');
    const after = await runInWorker(groupSumTask, { ...columns(3), groups: 3 });
    expect([...after.counts]).to.deep.equal([1, 1, 1]);
  });

  it('passes a thrown error from the worker with its name and message', async () => {
    const bad = { keys: new Uint32Array(2), values: new Float64Array(3), groups: 1 };
    const e = await rejection(runInWorker(groupSumTask, bad));
    expect(e).to.be.instanceOf(RangeError);
    expect(e.message).to.equal('groupSum: 2 keys but 3 values');
    const onMain = await rejection(runInWorker(groupSumTask, bad, { mode: 'main' }));
    expect(onMain.message).to.equal(e.message);
  });

  it('rejects an unknown task name with a message saying where to register it', async () => {
    const e = await rejection(runInWorker('nobody.registered', 1));
    expect(e.message).to.contain('Unknown worker task "nobody.registered"');
  });

  it('runs a task the worker does not list on the main thread rather than failing', async () => {
    const warn = console.warn;
    console.warn = () => {};
    try {
      const local = registerWorkerTask('test.double', (n: number) => n * 2);
      expect(await runInWorker(local, 21)).to.equal(42);
    } finally {
      console.warn = warn;
    }
  });

  it('slices a generator task on the main thread, pausing for the page between slices', async () => {
    const task = registerWorkerTask('test.steps', function* (n: number) {
      for (let i = 0; i < n; i++) yield;
      return n;
    });
    let pauses = 0;
    const pause = async (): Promise<void> => {
      pauses++;
    };
    // Slices of 0 ms: a pause at the start and after every yield.
    expect(await runTaskSliced(task as WorkerTask<unknown, unknown>, 5, new AbortController().signal, 0, pause)).to.equal(5);
    expect(pauses).to.equal(6);
    // A plain function is one slice.
    pauses = 0;
    const plain = registerWorkerTask('test.plain', (n: number) => n + 1);
    expect(await runTaskSliced(plain as WorkerTask<unknown, unknown>, 1, new AbortController().signal, 0, pause)).to.equal(2);
    expect(pauses).to.equal(1);
  });
});
