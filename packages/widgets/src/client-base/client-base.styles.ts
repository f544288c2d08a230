import { css } from 'lit';

export const clientBaseStyles = css`
  .wrap {
    display: flex;
    flex-direction: column;
    gap: var(--_crm-space-2);
    min-inline-size: 0;
  }
  [part='header'] {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: center;
    gap: var(--_crm-space-2);
  }
  h2 {
    margin: 0;
    font-size: 1.05em;
  }
  .views,
  .summary,
  [part='toolbar'] {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_crm-space-1);
    align-items: end;
  }
  .summary {
    gap: var(--_crm-space-2);
  }
  .group {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_crm-space-1);
    align-items: stretch;
  }
  .tile {
    display: inline-flex;
    flex-direction: column;
    align-items: flex-start;
    padding: 2px 10px;
    min-block-size: 40px;
    border: 1px solid var(--_crm-border);
    border-radius: var(--_crm-radius);
    background: var(--_crm-bg);
    cursor: pointer;
    text-align: start;
  }
  .tile[aria-pressed='true'],
  .views button[aria-pressed='true'] {
    background: var(--_crm-accent);
    border-color: var(--_crm-accent);
    color: var(--_crm-accent-fg);
  }
  .tile .n {
    font-weight: 600;
    font-size: 1.1em;
    font-variant-numeric: tabular-nums;
  }
  .tile .what {
    font-size: 0.8em;
  }
  .hint {
    margin: 0;
    font-size: 0.85em;
    color: var(--_crm-fg-muted);
  }
  label.field {
    display: flex;
    flex-direction: column;
    gap: 2px;
    font-size: 0.85em;
    color: var(--_crm-fg-muted);
  }
  input {
    font: inherit;
    font-size: 1rem;
    color: var(--_crm-fg);
    background: var(--_crm-bg);
    border: 1px solid var(--_crm-border);
    border-radius: var(--_crm-radius);
    padding: 4px 6px;
    min-block-size: 32px;
    inline-size: 14rem;
    max-inline-size: 100%;
  }
  input[type='number'] {
    inline-size: 6rem;
  }
`;
