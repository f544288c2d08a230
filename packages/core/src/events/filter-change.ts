import type { Filter } from '../adapter/query.js';

/** Fired by a filter bar when its conditions change. */
export class CrmFilterChangeEvent extends Event {
  static readonly eventName = 'crm-filter-change';
  readonly filter: Filter;
  readonly search: string;

  constructor(filter: Filter, search = '') {
    super(CrmFilterChangeEvent.eventName, { bubbles: true, composed: true });
    this.filter = filter;
    this.search = search;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'crm-filter-change': CrmFilterChangeEvent;
  }
}
