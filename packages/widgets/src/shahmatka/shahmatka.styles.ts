import { css } from 'lit';

/**
 * The palette is a set of custom properties with light fallbacks (`--crm-shahmatka-free` …);
 * every status also has a pattern and a text mark, so it reads without colour.
 */
export const shahmatkaStyles = css`
  :host {
    --_sh-free: var(--crm-shahmatka-free, #d8f0dc);
    --_sh-booked: var(--crm-shahmatka-booked, #fff1c2);
    --_sh-paid: var(--crm-shahmatka-paid-booking, #ffd9a8);
    --_sh-sold: var(--crm-shahmatka-sold, #e3e6ea);
    --_sh-nfs: var(--crm-shahmatka-not-for-sale, #f3f4f6);
    --_sh-cell: var(--crm-shahmatka-cell-size, 76px);
    --_sh-heat-0: var(--crm-shahmatka-heat-0, #e8f1fb);
    --_sh-heat-1: var(--crm-shahmatka-heat-1, #bcd6f2);
    --_sh-heat-2: var(--crm-shahmatka-heat-2, #8db8e8);
    --_sh-heat-3: var(--crm-shahmatka-heat-3, #5a94d6);
    --_sh-heat-4: var(--crm-shahmatka-heat-4, #2f6fb8);
    --_sh-cell-fg: var(--crm-shahmatka-cell-text, #1f2933);
  }
  :host-context(.crm-theme-dark) {
    --_sh-free: var(--crm-shahmatka-free, #1f4d2a);
    --_sh-booked: var(--crm-shahmatka-booked, #5c4a12);
    --_sh-paid: var(--crm-shahmatka-paid-booking, #6b3f12);
    --_sh-sold: var(--crm-shahmatka-sold, #2c323a);
    --_sh-nfs: var(--crm-shahmatka-not-for-sale, #1f242b);
    --_sh-cell-fg: var(--crm-shahmatka-cell-text, #e6edf3);
  }
  .top {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_crm-space-2);
    align-items: end;
    margin-block-end: var(--_crm-space-2);
  }
  label.field {
    display: inline-flex;
    flex-direction: column;
    gap: 2px;
    font-size: 0.85em;
    color: var(--_crm-fg-muted);
  }
  select,
  input {
    font: inherit;
    color: var(--_crm-fg);
    background: var(--_crm-bg);
    border: 1px solid var(--_crm-border);
    border-radius: var(--_crm-radius);
    padding: 4px 6px;
    min-block-size: 32px;
  }
  input[type='number'] {
    inline-size: 8em;
  }
  fieldset {
    border: 1px solid var(--_crm-border);
    border-radius: var(--_crm-radius);
    margin: 0 0 var(--_crm-space-2);
    padding: var(--_crm-space-2);
    display: flex;
    flex-wrap: wrap;
    gap: var(--_crm-space-2);
    align-items: end;
  }
  legend {
    font-weight: 600;
  }
  .rooms {
    display: inline-flex;
    gap: var(--_crm-space-1);
    align-items: center;
  }
  .check {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    min-block-size: 32px;
  }
  :focus-visible {
    outline: 2px solid var(--_crm-focus);
    outline-offset: 1px;
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_crm-space-2);
    list-style: none;
    padding: 0;
    margin: 0 0 var(--_crm-space-2);
    font-size: 0.85em;
  }
  .legend li {
    display: inline-flex;
    align-items: center;
    gap: 4px;
  }
  .swatch {
    display: inline-block;
    inline-size: 18px;
    block-size: 14px;
    border: 1px solid var(--_crm-border);
    border-radius: 3px;
    color: var(--_sh-cell-fg);
  }
  .body {
    display: flex;
    gap: var(--_crm-space-3);
    align-items: flex-start;
  }
  .grid-wrap {
    flex: 1 1 auto;
    min-inline-size: 0;
    overflow: auto;
    max-block-size: var(--crm-shahmatka-max-height, 70vh);
  }
  table.grid {
    table-layout: fixed;
    border-collapse: separate;
    border-spacing: 2px;
    font-size: 11px;
    line-height: 1.25;
  }
  .grid th {
    font-weight: 600;
    color: var(--_crm-fg-muted);
    background: var(--_crm-bg);
    padding: 2px 4px;
  }
  .grid thead th {
    position: sticky;
    inset-block-start: 0;
    z-index: 1;
    text-align: start;
  }
  .grid tbody th {
    position: sticky;
    inset-inline-start: 0;
    text-align: end;
  }
  .grid td {
    inline-size: var(--_sh-cell);
    block-size: 56px;
    padding: 2px 4px;
    vertical-align: top;
    white-space: pre-line;
    overflow: hidden;
    border-radius: 3px;
    color: var(--_sh-cell-fg);
    cursor: pointer;
  }
  .grid td.e {
    cursor: default;
    background: transparent;
  }
  .grid td.nf {
    background: repeating-linear-gradient(90deg, transparent 0 6px, var(--_crm-bg-alt) 6px 8px);
  }
  .grid .sb {
    box-shadow: inset 2px 0 0 var(--_crm-border);
  }
  .grid td.tot,
  .grid tfoot td {
    cursor: default;
    background: var(--_crm-bg-alt);
    color: var(--_crm-fg);
    font-size: 10px;
  }
  .s-free {
    background: var(--_sh-free);
  }
  .s-booked {
    background: var(--_sh-booked) radial-gradient(circle, rgb(0 0 0 / 0.18) 1px, transparent 1.5px) 0 0 / 6px 6px;
  }
  .s-paid-booking {
    background: var(--_sh-paid) repeating-linear-gradient(0deg, rgb(0 0 0 / 0.12) 0 1px, transparent 1px 5px);
  }
  .s-sold {
    background: var(--_sh-sold) repeating-linear-gradient(45deg, rgb(0 0 0 / 0.14) 0 2px, transparent 2px 7px);
  }
  .s-not-for-sale {
    background: var(--_sh-nfs) repeating-linear-gradient(-45deg, rgb(0 0 0 / 0.1) 0 1px, transparent 1px 5px),
      repeating-linear-gradient(45deg, rgb(0 0 0 / 0.1) 0 1px, transparent 1px 5px);
  }
  .grid td.h0,
  .swatch.h0 {
    background: var(--_sh-heat-0);
  }
  .grid td.h1,
  .swatch.h1 {
    background: var(--_sh-heat-1);
  }
  .grid td.h2,
  .swatch.h2 {
    background: var(--_sh-heat-2);
  }
  .grid td.h3,
  .swatch.h3 {
    background: var(--_sh-heat-3);
    color: #fff;
  }
  .grid td.h4,
  .swatch.h4 {
    background: var(--_sh-heat-4);
    color: #fff;
  }
  /* Dimmed: the colour goes, the text stays readable (contrast ≥ 4.5:1) and says the status. */
  .grid td.d {
    background: var(--_crm-bg-alt);
    color: var(--_crm-fg-muted);
  }
  .grid td[aria-selected='true'] {
    outline: 3px solid var(--_crm-accent);
    outline-offset: -1px;
  }
  .grid td:focus-visible {
    outline: 3px solid var(--_crm-focus);
    outline-offset: 1px;
  }
  .side {
    flex: 0 0 18rem;
    max-inline-size: 100%;
    display: flex;
    flex-direction: column;
    gap: var(--_crm-space-3);
  }
  .card {
    border: 1px solid var(--_crm-border);
    border-radius: var(--_crm-radius);
    padding: var(--_crm-space-3);
    background: var(--_crm-bg);
  }
  .card h3 {
    margin: 0 0 var(--_crm-space-2);
    display: flex;
    justify-content: space-between;
    align-items: center;
    font-size: 1.05em;
  }
  .card img {
    max-inline-size: 100%;
    block-size: auto;
    background: #fff;
  }
  dl {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 2px var(--_crm-space-2);
    margin: var(--_crm-space-2) 0;
  }
  dt {
    color: var(--_crm-fg-muted);
  }
  dd {
    margin: 0;
  }
  .chart {
    position: relative;
    block-size: 140px;
  }
  .countdown[data-urgent] {
    color: var(--_crm-danger);
    font-weight: 600;
  }
  .message {
    margin-block: var(--_crm-space-2);
  }
  .message[data-kind='error'] {
    color: var(--_crm-danger);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_crm-space-2);
    align-items: center;
  }
  .fits {
    margin: 0;
    padding-inline-start: 1.4em;
  }
  .fits button,
  .list button {
    font: inherit;
    text-align: start;
    background: none;
    border: 1px solid transparent;
    color: var(--_crm-fg);
    padding: 4px;
    cursor: pointer;
    inline-size: 100%;
    border-radius: var(--_crm-radius);
  }
  .fits button:hover,
  .list button:hover {
    border-color: var(--_crm-border);
  }
  .list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 4px;
  }
  .list button {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: var(--_crm-space-2);
    color: var(--_sh-cell-fg);
  }
  .list button[data-dim] {
    background: var(--_crm-bg-alt);
    color: var(--_crm-fg-muted);
  }
  .list .floor {
    font-weight: 600;
    margin-block-start: var(--_crm-space-2);
  }
  .sr {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .history {
    font-size: 0.85em;
  }
  :host([data-narrow]) .body {
    flex-direction: column;
  }
  :host([data-narrow]) .side {
    flex-basis: auto;
    inline-size: 100%;
  }
  @media print {
    .top,
    fieldset,
    .side,
    .crm-status-bar,
    button {
      display: none !important;
    }
    .grid-wrap {
      overflow: visible;
      max-block-size: none;
    }
    .grid td,
    .swatch {
      print-color-adjust: exact;
      -webkit-print-color-adjust: exact;
    }
    .grid thead th,
    .grid tbody th {
      position: static;
    }
  }
`;
