/**
 * Fired by `<crm-data-table>` when a person activates a row (click, or Enter on the focused
 * row). `row` is the row object the table was given; `index` its position in the sorted view.
 * Cancelable, so a widget listening on its own table can tell an outer listener it handled it.
 */
export class CrmRowActivateEvent<R = unknown> extends Event {
  static readonly eventName = 'crm-row-activate';
  readonly row: R;
  readonly index: number;

  constructor(row: R, index: number) {
    super(CrmRowActivateEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.row = row;
    this.index = index;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'crm-row-activate': CrmRowActivateEvent;
  }
}
