import { defineElement } from '../../base/define-element.js';
import { CrmEmployee } from './employee.js';

defineElement('crm-employee', CrmEmployee);

declare global {
  interface HTMLElementTagNameMap {
    'crm-employee': CrmEmployee;
  }
}
