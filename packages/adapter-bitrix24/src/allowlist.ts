import {
  CrmError,
} from '@crmkit/core/adapter/index.js';

/**
 * The only REST methods the adapter may call: reads. Read-only is a property of the code, not a
 * promise: {@link RestClient.call} refuses anything else before a request is built, and a test
 * proves it. (`batch` is allowed only as the envelope the client builds itself around these.)
 */
export const READ_METHODS = [
  'crm.deal.list',
  'crm.deal.get',
  'crm.contact.list',
  'crm.contact.get',
  'crm.company.list',
  'crm.company.get',
  'crm.lead.list',
  'crm.activity.list',
  'crm.activity.get',
  'crm.item.list',
  'crm.item.get',
  'crm.deal.userfield.list',
  'crm.contact.userfield.list',
  'crm.company.userfield.list',
  'crm.lead.userfield.list',
  'crm.status.list',
  'crm.category.list',
  'crm.stagehistory.list',
  'crm.timeline.comment.list',
  'crm.documentgenerator.document.list',
  'crm.requisite.list',
  'user.get',
  'user.current',
  'department.get',
] as const;
export type ReadMethod = (typeof READ_METHODS)[number];

const ALLOWED: ReadonlySet<string> = new Set(READ_METHODS);

export function isReadMethod(method: string): method is ReadMethod {
  return ALLOWED.has(method);
}

export function assertReadMethod(method: string): asserts method is ReadMethod {
  if (!ALLOWED.has(method)) {
    throw new CrmError('not-supported', { detail: `method ${method} is not on the read allowlist`, source: method });
  }
}
