import type { Filter } from '../adapter/query.js';
import type { EntityName } from '../model/entities.js';

export interface DrillDownDetail {
  /** What the number counts, as a stable key (`deals.open`, `activities.overdue`). */
  readonly key: string;
  readonly entity: EntityName;
  /** The records behind the number, as a query a list or a timeline can apply. */
  readonly filter: Filter;
  readonly count: number;
}

/** Fired when a person activates a number to see the records behind it. */
export class CrmDrillDownEvent extends Event {
  static readonly eventName = 'crm-drill-down';
  readonly detail: DrillDownDetail;

  constructor(detail: DrillDownDetail) {
    super(CrmDrillDownEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'crm-drill-down': CrmDrillDownEvent;
  }
}
