import type { Id, RecordRef, Timestamp } from './common.js';

/**
 * Everything that happens around a client. Comments and generated documents are activities
 * too, so a timeline and the counters read one list.
 */
export const ACTIVITY_KINDS = [
  'call',
  'email',
  'messenger',
  'open-line',
  'meeting',
  'task',
  'todo',
  'comment',
  'document',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const DIRECTIONS = ['incoming', 'outgoing'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export interface Activity {
  readonly id: Id;
  readonly kind: ActivityKind;
  readonly direction?: Direction;
  readonly subject: string;
  readonly description?: string;
  /** Calls: talk time in seconds. */
  readonly durationSec?: number;
  /** Messenger and open-line dialogs: the channel's name (Telegram, WhatsApp, site chat…). */
  readonly channel?: string;
  /** When it was recorded in the CRM. */
  readonly createdAt: Timestamp;
  /** When it happened or is planned to start (a call's start, a meeting's time). */
  readonly startAt?: Timestamp;
  /** Tasks, to-dos and planned calls: when it must be done by. */
  readonly deadline?: Timestamp;
  readonly completed: boolean;
  readonly completedAt?: Timestamp;
  readonly completedById?: Id;
  /** Who must do it. */
  readonly responsibleId?: Id;
  /** Who recorded or set it; often not the responsible. */
  readonly authorId?: Id;
  /** Records it is linked to: a call may be bound to a contact and a deal at once. */
  readonly bindings: readonly RecordRef[];
  readonly url?: string;
}

/** When an activity happened, for sorting: the event, not the recording. */
export function activityTime(a: Activity): Timestamp {
  return a.startAt ?? a.completedAt ?? a.createdAt;
}
