import { safeLinkUrl } from '../base/safe-url.js';
import { CrmRecordOpenEvent, type RecordOpenDetail } from './record-open.js';

/**
 * Dispatches `crm-record-open` from `host` and, unless an embedder cancelled it, opens the
 * record's URL in a new tab. URLs with any scheme other than http(s) are never opened.
 */
export function openRecord(host: EventTarget, detail: RecordOpenDetail): boolean {
  const event = new CrmRecordOpenEvent(detail);
  const proceed = host.dispatchEvent(event);
  if (!proceed) return false;
  const url = safeLinkUrl(detail.url);
  if (url) globalThis.open?.(url, '_blank', 'noopener,noreferrer');
  return true;
}
