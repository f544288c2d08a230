import { css } from 'lit';

export const clientTimelineStyles = css`
  :host {
    --_crm-timeline-row-height: var(--crm-timeline-row-height, 52px);
    container-type: inline-size;
  }
  .wrap {
    display: flex;
    flex-direction: column;
    gap: var(--_crm-space-2);
    min-inline-size: 0;
  }
  [part='header'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_crm-space-2);
  }
  h2,
  h3 {
    margin: 0;
    font-size: 1.05em;
  }
  h3 {
    font-size: 0.95em;
    color: var(--_crm-fg-muted);
  }
  .scope {
    display: inline-flex;
    flex-wrap: wrap;
    border: 1px solid var(--_crm-border);
    border-radius: var(--_crm-radius);
    padding: 0;
    margin: 0;
    overflow: hidden;
  }
  .scope legend {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
  }
  .scope label {
    display: inline-flex;
    align-items: center;
    padding: 4px 10px;
    min-block-size: 32px;
    cursor: pointer;
  }
  .scope input {
    position: absolute;
    opacity: 0;
    pointer-events: none;
  }
  .scope label:has(input:checked) {
    background: var(--_crm-accent);
    color: var(--_crm-accent-fg);
  }
  .scope label:has(input:focus-visible) {
    outline: 2px solid var(--_crm-focus);
    outline-offset: -2px;
  }
  [part='toolbar'] {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_crm-space-2);
    align-items: end;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 2px;
    font-size: 0.85em;
    color: var(--_crm-fg-muted);
    min-inline-size: 0;
  }
  input[type='search'],
  input[type='date'],
  select {
    font: inherit;
    font-size: 1rem;
    color: var(--_crm-fg);
    background: var(--_crm-bg);
    border: 1px solid var(--_crm-border);
    border-radius: var(--_crm-radius);
    padding: 4px 6px;
    min-block-size: 32px;
    max-inline-size: 100%;
  }
  input[type='search'] {
    inline-size: 14rem;
    max-inline-size: 100%;
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_crm-space-1);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    border: 1px solid var(--_crm-border);
    border-radius: 999px;
    background: var(--_crm-bg);
    padding: 2px 10px;
    min-block-size: 28px;
    cursor: pointer;
  }
  .chip[aria-pressed='true'] {
    background: var(--_crm-accent);
    border-color: var(--_crm-accent);
    color: var(--_crm-accent-fg);
  }
  .chip .n {
    font-variant-numeric: tabular-nums;
    opacity: 0.85;
  }
  [part='upcoming'] {
    border: 1px solid var(--_crm-border);
    border-radius: var(--_crm-radius);
    padding: var(--_crm-space-2);
    background: var(--_crm-bg-alt);
  }
  [part='upcoming'] ul {
    list-style: none;
    margin: var(--_crm-space-1) 0 0;
    padding: 0;
    max-block-size: 12rem;
    overflow: auto;
  }
  [part='upcoming'] li {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_crm-space-2);
    align-items: baseline;
    padding-block: 2px;
  }
  .link {
    border: 0;
    background: none;
    padding: 0;
    color: var(--_crm-accent);
    text-decoration: underline;
    cursor: pointer;
    text-align: start;
  }
  .status-overdue {
    color: var(--_crm-danger);
    font-weight: 600;
  }
  .muted {
    color: var(--_crm-fg-muted);
    font-size: 0.9em;
  }
  .drill {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_crm-space-2);
    align-items: center;
  }
  crm-data-table {
    --crm-table-row-height: var(--_crm-timeline-row-height);
    --crm-table-max-height: var(--crm-timeline-max-height, 32rem);
  }
  .paging {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_crm-space-2);
    align-items: center;
    font-size: 0.9em;
    color: var(--_crm-fg-muted);
  }
`;
