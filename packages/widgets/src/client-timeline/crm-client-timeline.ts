import { defineElement } from '@crmkit/core';
import { CrmClientTimeline } from './client-timeline.js';

defineElement('crm-client-timeline', CrmClientTimeline);

declare global {
  interface HTMLElementTagNameMap {
    'crm-client-timeline': CrmClientTimeline;
  }
}
