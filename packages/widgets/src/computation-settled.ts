import { TaskStatus, type Task } from '@lit/task';

/**
 * `updateComplete` for a widget whose view comes from a Lit Task started by an update: waits for
 * the element's update, then for every computation that update started and the render it causes,
 * so a caller (a test, an embedding page) sees the view as it will stay.
 */
export async function settledAfter(update: () => Promise<boolean>, computation: Task<readonly unknown[], unknown>): Promise<boolean> {
  let done = await update();
  while (computation.status === TaskStatus.PENDING) {
    await computation.taskComplete.catch(() => undefined);
    done = await update();
  }
  return done;
}
