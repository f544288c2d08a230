import { css } from 'lit';

export const registryConversionStyles = css`
  :host {
    --_crm-rc-norm: var(--crm-registry-norm-color, var(--_crm-danger));
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: var(--_crm-space-2);
  }
  h2 {
    margin: 0;
    font-size: 1.15em;
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_crm-space-2) var(--_crm-space-3);
    align-items: end;
    padding-block: var(--_crm-space-2);
  }
  .controls label {
    display: flex;
    flex-direction: column;
    gap: 2px;
    font-size: 0.9em;
    min-inline-size: 0;
    max-inline-size: 100%;
  }
  select,
  input {
    font: inherit;
    color: var(--_crm-fg);
    background: var(--_crm-bg);
    border: 1px solid var(--_crm-border);
    border-radius: var(--_crm-radius);
    padding: 2px 6px;
    max-inline-size: 100%;
  }
  fieldset {
    border: none;
    padding: 0;
    margin: 0;
    display: flex;
    flex-wrap: wrap;
    gap: var(--_crm-space-2);
    min-inline-size: 0;
  }
  legend {
    font-size: 0.9em;
    font-weight: 600;
    padding: 0;
  }
  .legend {
    color: var(--_crm-fg-muted);
    font-size: 0.9em;
    margin: 0 0 var(--_crm-space-2);
  }
  .chip-row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_crm-space-1);
    align-items: center;
  }
  .chip {
    border: 1px solid var(--_crm-border);
    border-radius: 999px;
    padding: 2px 10px;
    background: var(--_crm-bg-alt);
    overflow-wrap: anywhere;
  }
  .scroll {
    overflow-x: auto;
    max-inline-size: 100%;
    border: 1px solid var(--_crm-border);
    border-radius: var(--_crm-radius);
  }
  table {
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
    min-inline-size: 100%;
  }
  th,
  td {
    padding: 4px 8px;
    border-block-end: 1px solid var(--_crm-border);
    text-align: end;
    white-space: nowrap;
    vertical-align: top;
  }
  thead th {
    position: sticky;
    inset-block-start: 0;
    background: var(--_crm-bg-alt);
    font-weight: 600;
    white-space: normal;
    min-inline-size: 6rem;
    vertical-align: bottom;
  }
  th[scope='row'],
  thead th:first-child {
    text-align: start;
    position: sticky;
    inset-inline-start: 0;
    background: var(--_crm-bg);
    z-index: 1;
    white-space: normal;
    min-inline-size: 9rem;
    max-inline-size: 16rem;
    overflow-wrap: anywhere;
  }
  thead th:first-child,
  tfoot th[scope='row'] {
    background: var(--_crm-bg-alt);
    z-index: 2;
  }
  tr[data-level='1'] th[scope='row'],
  tr[data-level='1'] td {
    font-weight: 600;
  }
  tr[data-level='2'] th[scope='row'] {
    padding-inline-start: 20px;
  }
  tr[data-level='3'] th[scope='row'] {
    padding-inline-start: 32px;
  }
  tfoot th,
  tfoot td {
    font-weight: 700;
    background: var(--_crm-bg-alt);
    border-block-start: 2px solid var(--_crm-border);
  }
  .cell {
    background: none;
    border: none;
    padding: 0;
    color: var(--_crm-accent);
    cursor: pointer;
    text-decoration: underline dotted;
    font: inherit;
    text-align: end;
  }
  .den {
    color: var(--_crm-fg-muted);
    font-size: 0.85em;
  }
  .bar {
    position: relative;
    display: block;
    block-size: 6px;
    inline-size: 6rem;
    margin-block-start: 2px;
    margin-inline-start: auto;
    background: var(--_crm-bg-alt);
    border-radius: 3px;
  }
  .bar > span {
    position: absolute;
    inset-block: 0;
    inset-inline-start: 0;
    background: var(--_crm-accent);
    border-radius: 3px;
  }
  .bar[data-below] > span {
    background: var(--_crm-warning);
  }
  .bar > i {
    position: absolute;
    inset-block: -2px;
    inline-size: 2px;
    background: var(--_crm-rc-norm);
  }
  .bar > i.pace {
    background: var(--_crm-fg-muted);
  }
  .products {
    display: flex;
    flex-direction: column;
    align-items: flex-end;
    gap: 2px;
  }
  .drill {
    margin-block: var(--_crm-space-3);
    border: 1px solid var(--_crm-border);
    border-radius: var(--_crm-radius);
    padding: var(--_crm-space-2) var(--_crm-space-3);
  }
  .drill-head {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: var(--_crm-space-2);
    align-items: baseline;
  }
  .drill h3 {
    margin: 0;
    font-size: 1em;
    overflow-wrap: anywhere;
  }
  .drill ul {
    margin: var(--_crm-space-2) 0 0;
    padding-inline-start: 1.2em;
    columns: 16rem auto;
  }
  .link {
    background: none;
    border: none;
    padding: 0;
    color: var(--_crm-accent);
    text-decoration: underline;
    cursor: pointer;
    text-align: start;
    overflow-wrap: anywhere;
  }
  .chart {
    position: relative;
    block-size: var(--crm-registry-chart-height, 320px);
    margin-block: var(--_crm-space-3);
  }
`;
