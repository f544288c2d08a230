import { defineElement } from '@crmkit/core';
import { CrmForgottenDeals } from './forgotten-deals.js';

defineElement('crm-forgotten-deals', CrmForgottenDeals);

declare global {
  interface HTMLElementTagNameMap {
    'crm-forgotten-deals': CrmForgottenDeals;
  }
}
