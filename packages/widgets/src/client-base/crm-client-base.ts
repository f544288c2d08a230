import { defineElement } from '@crmkit/core';
import { CrmClientBase } from './client-base.js';

defineElement('crm-client-base', CrmClientBase);

declare global {
  interface HTMLElementTagNameMap {
    'crm-client-base': CrmClientBase;
  }
}
