import { css } from 'lit';

/** The slot palette, light: every value a `--crm-booking-*` property with a fallback. */
const lightSlots = css`
  --_bc-free: var(--crm-booking-free, #e7f5ea);
  --_bc-bar: var(--crm-booking-bar, #2e7d32);
  --_bc-full: var(--crm-booking-full, #eceff3);
  --_bc-over: var(--crm-booking-overbooked, #c62828);
  --_bc-break: var(--crm-booking-break, #f5f0e1);
  --_bc-common: var(--crm-booking-common, #0b66c3);
  --_bc-heat: var(--crm-booking-heat, 11 102 195);
`;

/** Dark fallbacks, so slot text keeps its contrast on the dark theme's light text colour. */
const darkSlots = css`
  --_bc-free: var(--crm-booking-free, #1c3a25);
  --_bc-bar: var(--crm-booking-bar, #56d364);
  --_bc-full: var(--crm-booking-full, #2c323a);
  --_bc-over: var(--crm-booking-overbooked, #ff7b72);
  --_bc-break: var(--crm-booking-break, #3a3322);
  --_bc-common: var(--crm-booking-common, #58a6ff);
  --_bc-heat: var(--crm-booking-heat, 88 166 255);
`;

export const bookingCalendarStyles = css`
  :host {
    ${lightSlots}
  }
  @media (prefers-color-scheme: dark) {
    :host {
      ${darkSlots}
    }
  }
  :host-context(.crm-theme-dark) {
    ${darkSlots}
  }
  :host-context(.crm-theme-light) {
    ${lightSlots}
  }
  .top {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_crm-space-2);
    align-items: end;
    margin-block-end: var(--_crm-space-2);
  }
  .tabs {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_crm-space-1);
    margin-block-end: var(--_crm-space-2);
  }
  .tabs button[aria-selected='true'] {
    background: var(--_crm-accent);
    color: var(--_crm-accent-fg);
    border-color: var(--_crm-accent);
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
    inline-size: 6em;
  }
  :focus-visible {
    outline: 2px solid var(--_crm-focus);
    outline-offset: 1px;
  }
  .layout {
    display: flex;
    gap: var(--_crm-space-3);
    align-items: flex-start;
  }
  .main {
    flex: 1 1 auto;
    min-inline-size: 0;
    overflow: auto;
    max-block-size: var(--crm-booking-max-height, 75vh);
  }
  .panel {
    flex: 0 0 19rem;
    display: flex;
    flex-direction: column;
    gap: var(--_crm-space-2);
    border: 1px solid var(--_crm-border);
    border-radius: var(--_crm-radius);
    padding: var(--_crm-space-3);
  }
  .panel h3,
  .main h3 {
    margin: 0;
    font-size: 1em;
  }
  table {
    border-collapse: collapse;
    font-size: 12px;
  }
  th,
  td {
    border: 1px solid var(--_crm-border);
    padding: 2px 4px;
    vertical-align: top;
    text-align: start;
  }
  thead th {
    position: sticky;
    inset-block-start: 0;
    background: var(--_crm-bg);
    z-index: 1;
  }
  tbody th {
    font-weight: 600;
    min-inline-size: 9rem;
  }
  tbody th small {
    display: block;
    font-weight: normal;
    color: var(--_crm-fg-muted);
  }
  .slots {
    display: flex;
    flex-direction: column;
    gap: 2px;
  }
  .slot {
    display: block;
    min-inline-size: 7.5em;
    font-variant-numeric: tabular-nums;
    padding: 1px 4px 4px;
    border: 1px solid transparent;
    border-radius: 3px;
    background: var(--_bc-free);
    color: var(--_crm-fg);
    cursor: pointer;
    white-space: nowrap;
    /* A known line box: at 12 px, 15 + 5 + 2 = 22 px per slot, 24 with the gap (SLOT_PX). */
    line-height: 1.25;
  }
  /* A row not drawn yet: as tall as its slots will be (a row's height is its minimum), with a
     per-day summary. */
  tr.ph {
    block-size: calc(var(--_bc-n, 1) * (1.25em + 9px) + 4px);
  }
  tr.ph td {
    color: var(--_crm-fg-muted);
    min-inline-size: 7.5em;
    white-space: nowrap;
  }
  /* The load bar: a 3 px strip as wide as the load (--l), no element of its own; one flat
     colour sized by background-size (cheap to paint), and none on an empty slot. */
  .slot:not(.l0) {
    background-image: linear-gradient(var(--_bc-bar), var(--_bc-bar));
    background-size: var(--l, 0%) 3px;
    background-position: left bottom;
    background-repeat: no-repeat;
  }
  .l1 {
    --l: 10%;
  }
  .l2 {
    --l: 20%;
  }
  .l3 {
    --l: 30%;
  }
  .l4 {
    --l: 40%;
  }
  .l5 {
    --l: 50%;
  }
  .l6 {
    --l: 60%;
  }
  .l7 {
    --l: 70%;
  }
  .l8 {
    --l: 80%;
  }
  .l9 {
    --l: 90%;
  }
  .l10 {
    --l: 100%;
  }
  .slot.full {
    background-color: var(--_bc-full);
  }
  .slot.over {
    border-color: var(--_bc-over);
    color: var(--_bc-over);
    font-weight: 600;
  }
  .slot.over {
    --_bc-bar: var(--_bc-over);
  }
  .slot.closed {
    background: var(--_bc-break) repeating-linear-gradient(45deg, rgb(0 0 0 / 0.06) 0 2px, transparent 2px 6px);
    color: var(--_crm-fg-muted);
    cursor: not-allowed;
  }
  .slot.common {
    box-shadow: inset 3px 0 0 var(--_bc-common);
  }
  .slot.blocked {
    box-shadow: inset 3px 0 0 var(--_bc-over);
  }
  .slot[aria-pressed='true'] {
    border-color: var(--_crm-accent);
    outline: 2px solid var(--_crm-accent);
    outline-offset: -2px;
  }
  .dayoff {
    color: var(--_crm-fg-muted);
    font-style: italic;
  }
  .detail {
    min-block-size: 3.5em;
    font-size: 0.9em;
    border-inline-start: 3px solid var(--_crm-border);
    padding-inline-start: var(--_crm-space-2);
  }
  .problems {
    color: var(--_crm-danger);
    margin: 0;
    padding-inline-start: 1.2em;
  }
  .ok {
    color: var(--_crm-success);
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_crm-space-2);
    font-size: 0.85em;
    list-style: none;
    padding: 0;
    margin: 0 0 var(--_crm-space-2);
  }
  .legend .slot {
    display: inline-block;
    inline-size: auto;
    min-inline-size: 0;
    cursor: default;
  }
  .heat td {
    text-align: center;
    min-inline-size: 3em;
  }
  .num {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  :host([data-narrow]) .layout {
    flex-direction: column;
  }
  :host([data-narrow]) .panel {
    flex-basis: auto;
    inline-size: 100%;
  }
  :host([data-narrow]) table.cal,
  :host([data-narrow]) table.cal tbody,
  :host([data-narrow]) table.cal tr,
  :host([data-narrow]) table.cal th,
  :host([data-narrow]) table.cal td {
    display: block;
    inline-size: 100%;
  }
  :host([data-narrow]) table.cal thead {
    display: none;
  }
  :host([data-narrow]) table.cal td::before {
    content: attr(data-day);
    display: block;
    font-weight: 600;
  }
  :host([data-narrow]) .slots {
    flex-flow: row wrap;
  }
  :host([data-narrow]) .slot {
    inline-size: auto;
  }
  :host([data-narrow]) tr.ph {
    block-size: auto;
  }
  @media print {
    .top,
    .tabs,
    .panel,
    .crm-status-bar,
    button.crm-button {
      display: none !important;
    }
    .main {
      overflow: visible;
      max-block-size: none;
    }
    .slot,
    .heat td {
      print-color-adjust: exact;
      -webkit-print-color-adjust: exact;
    }
  }
`;
