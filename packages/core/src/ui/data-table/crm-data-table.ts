import { defineElement } from '../../base/define-element.js';
import { CrmDataTable } from './data-table.js';

defineElement('crm-data-table', CrmDataTable);

declare global {
  interface HTMLElementTagNameMap {
    'crm-data-table': CrmDataTable;
  }
}
