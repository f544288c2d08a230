import { css } from 'lit';

export const filterBarStyles = css`
  :host {
    --_crm-chip-radius: var(--crm-filter-chip-radius, 999px);
    display: block;
  }
  form {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: var(--_crm-space-2) var(--_crm-space-3);
    margin: 0;
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
    max-inline-size: 100%;
  }
  legend,
  .label {
    display: block;
    margin-block-end: 2px;
    font-size: 0.85em;
    color: var(--_crm-fg-muted);
  }
  label {
    display: flex;
    flex-direction: column;
    min-inline-size: 0;
    max-inline-size: 100%;
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_crm-space-1);
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: var(--_crm-space-1);
    min-block-size: 32px;
    padding: 2px 10px;
    border: 1px solid var(--_crm-border);
    border-radius: var(--_crm-chip-radius);
    background: var(--_crm-bg);
    cursor: pointer;
  }
  .chip[aria-pressed='true'] {
    background: var(--_crm-accent);
    border-color: var(--_crm-accent);
    color: var(--_crm-accent-fg);
  }
  .count {
    font-variant-numeric: tabular-nums;
    font-weight: 600;
  }
  input,
  select {
    font: inherit;
    color: var(--_crm-fg);
    background: var(--_crm-bg);
    min-block-size: 32px;
    max-inline-size: 100%;
    min-inline-size: 0;
    padding: 2px 6px;
    border: 1px solid var(--_crm-border);
    border-radius: var(--_crm-radius);
  }
  input[type='search'] {
    inline-size: 14rem;
  }
  input[type='number'] {
    inline-size: 7rem;
  }
  .pair {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_crm-space-1);
    align-items: flex-end;
  }
  .conditions {
    flex-basis: 100%;
    display: flex;
    flex-direction: column;
    gap: var(--_crm-space-2);
  }
  .condition {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: var(--_crm-space-2);
    padding: var(--_crm-space-2);
    border: 1px solid var(--_crm-border);
    border-radius: var(--_crm-radius);
    background: var(--_crm-bg-alt);
  }
  .condition-name {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .button {
    min-block-size: 32px;
    padding: 2px 10px;
    border: 1px solid var(--_crm-border);
    border-radius: var(--_crm-radius);
    background: var(--_crm-bg);
    cursor: pointer;
  }
  .button:hover,
  .chip:hover:not([aria-pressed='true']) {
    background: var(--_crm-hover);
  }
  .remove {
    margin-inline-start: auto;
  }
`;
