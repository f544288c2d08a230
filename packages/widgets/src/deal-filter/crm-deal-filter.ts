import { defineElement } from '@crmkit/core';
import { CrmDealFilter } from './deal-filter.js';

defineElement('crm-deal-filter', CrmDealFilter);

declare global {
  interface HTMLElementTagNameMap {
    'crm-deal-filter': CrmDealFilter;
  }
}
