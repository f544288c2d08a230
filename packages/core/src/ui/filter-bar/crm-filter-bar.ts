import { defineElement } from '../../base/define-element.js';
import { CrmFilterBar } from './filter-bar.js';

defineElement('crm-filter-bar', CrmFilterBar);

declare global {
  interface HTMLElementTagNameMap {
    'crm-filter-bar': CrmFilterBar;
  }
}
