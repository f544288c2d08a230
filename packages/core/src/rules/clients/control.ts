import type { Activity, ActivityKind } from '../../model/activities.js';
import type { Id, RecordRef, Timestamp } from '../../model/common.js';

/**
 * Manager control (seed 001: «в одной таблице будет вся информация о том, кто и когда поставил и
 * закрыл задачу»): one row per task or activity with who set it, who is responsible, who closed
 * it and when, and two lags:
 * - `lagMs`: from being set (`createdAt`) to being closed, or to now while open;
 * - `lateMs`: how long after the deadline it was closed (or, while open, how long it is
 *   overdue); 0 when on time; absent without a deadline.
 * Comments are not tasks and are left out.
 */
export interface ControlRow {
  readonly id: Id;
  readonly kind: ActivityKind;
  readonly subject: string;
  readonly setById?: Id;
  readonly responsibleId?: Id;
  readonly closedById?: Id;
  readonly setAt: Timestamp;
  readonly deadline?: Timestamp;
  readonly closedAt?: Timestamp;
  readonly status: 'done' | 'open' | 'overdue';
  readonly lagMs: number;
  readonly lateMs?: number;
  readonly bindings: readonly RecordRef[];
  readonly url?: string;
}

export function managerControlRows(activities: readonly Activity[], now: Timestamp): ControlRow[] {
  const rows: ControlRow[] = [];
  for (const a of activities) {
    if (a.kind === 'comment') continue;
    const closedAt = a.completed ? (a.completedAt ?? a.startAt ?? a.createdAt) : undefined;
    const end = closedAt ?? now;
    const status = a.completed ? 'done' : a.deadline !== undefined && a.deadline < now ? 'overdue' : 'open';
    rows.push({
      id: a.id,
      kind: a.kind,
      subject: a.subject,
      ...(a.authorId !== undefined ? { setById: a.authorId } : {}),
      ...(a.responsibleId !== undefined ? { responsibleId: a.responsibleId } : {}),
      ...(a.completed && (a.completedById ?? a.responsibleId) !== undefined ? { closedById: a.completedById ?? a.responsibleId } : {}),
      setAt: a.createdAt,
      ...(a.deadline !== undefined ? { deadline: a.deadline } : {}),
      ...(closedAt !== undefined ? { closedAt } : {}),
      status,
      lagMs: Math.max(0, end - a.createdAt),
      ...(a.deadline !== undefined ? { lateMs: Math.max(0, end - a.deadline) } : {}),
      bindings: a.bindings,
      ...(a.url ? { url: a.url } : {}),
    });
  }
  return rows.sort((x, y) => y.setAt - x.setAt || (x.id < y.id ? -1 : 1));
}
