import { defineElement } from '../../base/define-element.js';
import { CrmProgressBar } from './progress-bar.js';

defineElement('crm-progress-bar', CrmProgressBar);

declare global {
  interface HTMLElementTagNameMap {
    'crm-progress-bar': CrmProgressBar;
  }
}
