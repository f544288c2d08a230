import { css } from 'lit';

export const activityCountersStyles = css`
  .groups {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_crm-space-2) var(--_crm-space-3);
  }
  .group {
    display: flex;
    flex-direction: column;
    gap: 2px;
    min-inline-size: 0;
  }
  h3 {
    margin: 0;
    font-size: 0.8em;
    font-weight: 600;
    color: var(--_crm-fg-muted);
    text-transform: uppercase;
    letter-spacing: 0.02em;
  }
  .buttons {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_crm-space-1);
  }
  .counter {
    display: inline-flex;
    flex-direction: column;
    align-items: flex-start;
    padding: 2px 8px;
    min-block-size: 36px;
    border: 1px solid var(--_crm-border);
    border-radius: var(--_crm-radius);
    background: var(--_crm-bg);
    cursor: pointer;
    text-align: start;
  }
  .counter:hover {
    background: var(--_crm-hover);
  }
  .counter[data-zero] {
    color: var(--_crm-fg-muted);
  }
  .counter[data-key='activities.overdue']:not([data-zero]) .n {
    color: var(--_crm-danger);
  }
  .n {
    font-size: 1.1em;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .what,
  .sum {
    font-size: 0.75em;
    color: var(--_crm-fg-muted);
  }
`;
