import type { FieldCondition } from '@crmkit/core';

/**
 * Fired by `<crm-deal-filter>` when its conditions change. `view` is the URL-safe view string
 * (`encodeView`), ready for a link or for another widget's `view` attribute.
 */
export class CrmDealFilterChangeEvent extends Event {
  static readonly eventName = 'crm-deal-filter-change';
  readonly view: string;
  readonly conditions: readonly FieldCondition[];

  constructor(view: string, conditions: readonly FieldCondition[]) {
    super(CrmDealFilterChangeEvent.eventName, { bubbles: true, composed: true });
    this.view = view;
    this.conditions = conditions;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'crm-deal-filter-change': CrmDealFilterChangeEvent;
  }
}
