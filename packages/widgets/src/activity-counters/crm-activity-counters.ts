import { defineElement } from '@crmkit/core';
import { CrmActivityCounters } from './activity-counters.js';

defineElement('crm-activity-counters', CrmActivityCounters);

declare global {
  interface HTMLElementTagNameMap {
    'crm-activity-counters': CrmActivityCounters;
  }
}
