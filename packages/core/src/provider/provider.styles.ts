import { css } from 'lit';
import { darkPaletteProperties, lightPaletteProperties } from '../theme/tokens.js';

export const providerStyles = css`
  :host {
    background: transparent;
  }
  :host(.crm-theme-light) {
    ${lightPaletteProperties}
  }
  :host(.crm-theme-dark) {
    ${darkPaletteProperties}
  }
  [part='message'] {
    margin-block-end: var(--_crm-space-2);
    padding: var(--_crm-space-2) var(--_crm-space-3);
    border: 1px solid var(--_crm-danger);
    border-radius: var(--_crm-radius);
    color: var(--_crm-danger);
    background: var(--_crm-bg);
    overflow-wrap: anywhere;
  }
`;
