import { defineElement } from '@crmkit/core';
import { CrmShahmatka } from './shahmatka.js';

defineElement('crm-shahmatka', CrmShahmatka);

declare global {
  interface HTMLElementTagNameMap {
    'crm-shahmatka': CrmShahmatka;
  }
}
