import type { Timestamp } from '../../model/common.js';
import type { PackedClassificationResult } from './classification.js';
import { calendarDaysBetween } from './days.js';

/**
 * Forgotten clients (seed 001: «найти Забытых – и исправить ситуацию»): **no interaction for at
 * least `days` calendar days (default 30) and nothing planned**. An interaction is a payment, a
 * deal or invoice created, or an activity that took place. "Planned" is an open activity not yet
 * past its deadline: seed 000 teaches that a client with a call planned for next month is not
 * forgotten, while one whose only planned call is already overdue is. A client with no
 * interaction ever is forgotten too.
 */
export const DEFAULT_FORGOTTEN_DAYS = 30;

export interface ForgottenOptions {
  readonly now: Timestamp;
  readonly days?: number;
  readonly timeZone?: string;
}

/** Days since client `i`'s last interaction, or undefined for none. */
export function daysSinceInteraction(result: PackedClassificationResult, i: number, now: Timestamp, timeZone = 'UTC'): number | undefined {
  const at = result.lastInteractionAt[i];
  return Number.isNaN(at) ? undefined : Math.max(0, calendarDaysBetween(at, now, timeZone));
}

export function isForgotten(result: PackedClassificationResult, i: number, options: ForgottenOptions): boolean {
  if (result.plannedCount[i] > 0) return false;
  const d = daysSinceInteraction(result, i, options.now, options.timeZone);
  return d === undefined || d >= (options.days ?? DEFAULT_FORGOTTEN_DAYS);
}

/** Indexes of the forgotten clients. */
export function forgottenClients(result: PackedClassificationResult, options: ForgottenOptions): number[] {
  const out: number[] = [];
  for (let i = 0; i < result.classCode.length; i++) if (isForgotten(result, i, options)) out.push(i);
  return out;
}
