/** Fired by `<crm-progress-bar>` when a person presses its Cancel button. */
export class CrmLoadCancelEvent extends Event {
  static readonly eventName = 'crm-load-cancel';

  constructor() {
    super(CrmLoadCancelEvent.eventName, { bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'crm-load-cancel': CrmLoadCancelEvent;
  }
}
