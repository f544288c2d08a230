import { css } from 'lit';

export const forgottenDealsStyles = css`
  :host {
    --_crm-fd-gap: var(--crm-forgotten-gap, 8px);
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: var(--_crm-space-2);
    padding-block-end: var(--_crm-space-2);
  }
  h2 {
    margin: 0;
    font-size: 1.15em;
  }
  .summary {
    color: var(--_crm-fg-muted);
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_crm-space-2);
    padding-block: var(--_crm-space-2);
  }
  .seg {
    display: inline-flex;
    flex-wrap: wrap;
    gap: 0;
  }
  .seg .crm-button[aria-pressed='true'] {
    background: var(--_crm-accent);
    color: var(--_crm-accent-fg);
    border-color: var(--_crm-accent);
  }
  .chip-row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_crm-space-1);
    align-items: center;
    padding-block: var(--_crm-space-1);
  }
  .chip {
    border: 1px solid var(--_crm-border);
    border-radius: 999px;
    padding: 2px 10px;
    background: var(--_crm-bg-alt);
    max-inline-size: 100%;
    overflow-wrap: anywhere;
  }
  details.rules {
    border: 1px solid var(--_crm-border);
    border-radius: var(--_crm-radius);
    padding: var(--_crm-space-2);
    margin-block: var(--_crm-space-2);
  }
  details.rules summary {
    cursor: pointer;
    font-weight: 600;
  }
  fieldset {
    border: 1px solid var(--_crm-border);
    border-radius: var(--_crm-radius);
    margin: var(--_crm-space-2) 0 0;
    padding: var(--_crm-space-2);
    min-inline-size: 0;
  }
  legend {
    font-weight: 600;
  }
  .help {
    margin: 0 0 var(--_crm-space-1);
    color: var(--_crm-fg-muted);
    font-size: 0.9em;
  }
  label.field {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_crm-space-1);
    align-items: center;
    margin-block: 4px;
  }
  input[type='number'] {
    inline-size: 5em;
  }
  input,
  select,
  textarea {
    font: inherit;
    color: var(--_crm-fg);
    background: var(--_crm-bg);
    border: 1px solid var(--_crm-border);
    border-radius: var(--_crm-radius);
    padding: 2px 6px;
    max-inline-size: 100%;
  }
  .layout {
    display: grid;
    grid-template-columns: minmax(0, 14rem) minmax(0, 1fr);
    gap: var(--_crm-space-3);
  }
  @container (max-width: 640px) {
    .layout {
      grid-template-columns: minmax(0, 1fr);
    }
  }
  :host {
    container-type: inline-size;
  }
  nav ul,
  ul.list,
  ul.reasons {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  nav ul {
    display: flex;
    flex-direction: column;
    gap: 2px;
  }
  @container (max-width: 640px) {
    nav ul {
      flex-direction: row;
      flex-wrap: wrap;
    }
  }
  .group-btn {
    display: flex;
    justify-content: space-between;
    gap: var(--_crm-space-2);
    inline-size: 100%;
    text-align: start;
    padding: 4px 8px;
    border: 1px solid transparent;
    border-radius: var(--_crm-radius);
    background: none;
    cursor: pointer;
    overflow-wrap: anywhere;
  }
  .group-btn[aria-current='true'] {
    border-color: var(--_crm-accent);
    background: var(--_crm-hover);
    font-weight: 600;
  }
  .group-btn:hover {
    background: var(--_crm-hover);
  }
  .count {
    font-variant-numeric: tabular-nums;
    color: var(--_crm-fg-muted);
  }
  .digest {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_crm-space-2);
    align-items: center;
    margin-block-end: var(--_crm-space-2);
  }
  .digest textarea {
    inline-size: 100%;
    min-block-size: 6rem;
  }
  ul.list {
    display: flex;
    flex-direction: column;
    gap: var(--_crm-fd-gap);
  }
  .item {
    border: 1px solid var(--_crm-border);
    border-inline-start: 4px solid var(--_crm-warning);
    border-radius: var(--_crm-radius);
    padding: var(--_crm-space-2) var(--_crm-space-3);
    background: var(--_crm-bg);
    min-inline-size: 0;
  }
  .item[data-level='3'] {
    border-inline-start-color: var(--_crm-danger);
  }
  .item[data-level='1'] {
    border-inline-start-color: var(--_crm-border);
  }
  .item[data-snoozed] {
    opacity: 0.75;
  }
  .item-head {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_crm-space-2);
    align-items: baseline;
    justify-content: space-between;
  }
  .link {
    background: none;
    border: none;
    padding: 0;
    color: var(--_crm-accent);
    text-decoration: underline;
    cursor: pointer;
    font-weight: 600;
    text-align: start;
    overflow-wrap: anywhere;
  }
  .badge {
    font-size: 0.8em;
    border-radius: 999px;
    padding: 0 8px;
    border: 1px solid currentColor;
    color: var(--_crm-fg-muted);
  }
  .item[data-level='3'] .badge {
    color: var(--_crm-danger);
  }
  ul.reasons li {
    margin-block: 2px;
    overflow-wrap: anywhere;
  }
  ul.reasons li::before {
    content: '• ';
    color: var(--_crm-fg-muted);
  }
  dl.facts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 11rem), 1fr));
    gap: var(--_crm-space-1) var(--_crm-space-3);
    margin: var(--_crm-space-2) 0;
  }
  dl.facts dt {
    color: var(--_crm-fg-muted);
    font-size: 0.85em;
  }
  dl.facts dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .snooze-form {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_crm-space-2);
    align-items: end;
  }
  .snooze-form label {
    display: flex;
    flex-direction: column;
    gap: 2px;
    min-inline-size: 0;
  }
  .note {
    color: var(--_crm-fg-muted);
    font-size: 0.85em;
    margin: var(--_crm-space-1) 0 0;
  }
  .live {
    min-block-size: 1.2em;
    color: var(--_crm-success);
  }
`;
