import { css } from 'lit';

export const progressBarStyles = css`
  :host {
    --_crm-progress-height: var(--crm-progress-height, 6px);
    display: block;
  }
  .wrap {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_crm-space-2);
    padding: var(--_crm-space-2) 0;
    color: var(--_crm-fg-muted);
  }
  .text {
    flex: 1 1 12rem;
    min-inline-size: 0;
    overflow-wrap: anywhere;
  }
  progress {
    flex: 1 1 100%;
    order: 3;
    inline-size: 100%;
    block-size: var(--_crm-progress-height);
    accent-color: var(--_crm-accent);
  }
  button {
    min-block-size: 32px;
    padding: 2px 10px;
    border: 1px solid var(--_crm-border);
    border-radius: var(--_crm-radius);
    background: var(--_crm-bg);
    cursor: pointer;
  }
  button:hover {
    background: var(--_crm-hover);
  }
`;
