import type { RecordRef } from '../model/common.js';

export interface RecordOpenDetail extends RecordRef {
  /** The record's page in the CRM, when known. */
  readonly url?: string;
}

/**
 * Fired when a person asks to open a record (a timeline event, a deal in a list). Cancelable:
 * call `preventDefault()` to open it your own way (a Bitrix24 slider, a router); otherwise the
 * URL opens in a new tab.
 */
export class CrmRecordOpenEvent extends Event {
  static readonly eventName = 'crm-record-open';
  readonly kind: RecordRef['kind'];
  readonly id: string;
  readonly url?: string;

  constructor(detail: RecordOpenDetail) {
    super(CrmRecordOpenEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.kind = detail.kind;
    this.id = detail.id;
    this.url = detail.url;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'crm-record-open': CrmRecordOpenEvent;
  }
}
