import { defineElement } from '@crmkit/core';
import { CrmRegistryConversion } from './registry-conversion.js';

defineElement('crm-registry-conversion', CrmRegistryConversion);

declare global {
  interface HTMLElementTagNameMap {
    'crm-registry-conversion': CrmRegistryConversion;
  }
}
