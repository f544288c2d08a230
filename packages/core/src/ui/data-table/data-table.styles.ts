import { css } from 'lit';

export const dataTableStyles = css`
  :host {
    --_crm-row-height: var(--crm-table-row-height, 40px);
    --_crm-table-header-bg: var(--crm-table-header-background, var(--_crm-bg-alt));
    display: flex;
    flex-direction: column;
    gap: var(--_crm-space-1);
    min-inline-size: 0;
  }
  .scroller {
    position: relative;
    overflow: auto;
    max-block-size: var(--crm-table-max-height, 28rem);
    border: 1px solid var(--_crm-border);
    border-radius: var(--_crm-radius);
    overscroll-behavior: contain;
    outline: none;
  }
  .head {
    position: sticky;
    inset-block-start: 0;
    z-index: 1;
  }
  .row {
    display: grid;
    align-items: center;
    block-size: var(--_crm-row-height);
    border-block-end: 1px solid var(--_crm-border);
  }
  .head .row {
    background: var(--_crm-table-header-bg);
    font-weight: 600;
  }
  .body {
    position: relative;
  }
  .body .row {
    position: absolute;
    inset-inline: 0;
    inset-block-start: 0;
    background: var(--_crm-bg);
    cursor: pointer;
  }
  .body .row:hover {
    background: var(--_crm-hover);
  }
  .body .row[data-active] {
    box-shadow: inset 3px 0 0 var(--_crm-accent);
  }
  .body .row:focus-visible {
    outline-offset: -2px;
  }
  .cell {
    min-inline-size: 0;
    padding-inline: var(--_crm-space-2);
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .cell[data-align='end'] {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .cell[data-align='center'] {
    text-align: center;
  }
  .sort {
    display: inline-flex;
    align-items: center;
    gap: var(--_crm-space-1);
    max-inline-size: 100%;
    padding: 2px 0;
    border: 0;
    background: none;
    font-weight: inherit;
    cursor: pointer;
    text-align: start;
  }
  .sort span:first-child {
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .arrow {
    color: var(--_crm-fg-muted);
    inline-size: 1em;
  }
  .arrow[data-active] {
    color: var(--_crm-accent);
  }
  .footer {
    font-size: 0.85em;
    color: var(--_crm-fg-muted);
  }
  .empty {
    padding: var(--_crm-space-4);
    color: var(--_crm-fg-muted);
  }
`;
