import { css } from 'lit';

export const employeeStyles = css`
  :host {
    --_crm-card-width: var(--crm-employee-card-width, 18rem);
    --_crm-avatar-size: var(--crm-employee-avatar-size, 48px);
    display: inline;
    background: none;
    max-inline-size: 100%;
  }
  .name {
    display: inline;
    padding: 0;
    border: 0;
    background: none;
    color: inherit;
    font: inherit;
    text-align: start;
    text-decoration: underline dotted;
    text-underline-offset: 3px;
    cursor: default;
    overflow-wrap: anywhere;
  }
  .name:hover {
    color: var(--_crm-accent);
  }
  .unset {
    color: var(--_crm-fg-muted);
  }
  .card {
    position: fixed;
    inset-block-start: 0;
    inset-inline-start: 0;
    z-index: 1000;
    display: grid;
    grid-template-columns: var(--_crm-avatar-size) minmax(0, 1fr);
    gap: var(--_crm-space-3);
    inline-size: max-content;
    max-inline-size: min(var(--_crm-card-width), calc(100vw - 16px));
    padding: var(--_crm-space-3);
    border: 1px solid var(--_crm-border);
    border-radius: var(--_crm-radius);
    background: var(--_crm-bg);
    color: var(--_crm-fg);
    box-shadow: 0 6px 24px rgb(0 0 0 / 0.18);
    white-space: normal;
    text-align: start;
    font-weight: normal;
  }
  .avatar {
    inline-size: var(--_crm-avatar-size);
    block-size: var(--_crm-avatar-size);
    border-radius: 50%;
    object-fit: cover;
    background: var(--_crm-bg-alt);
    color: var(--_crm-fg-muted);
    display: grid;
    place-items: center;
    font-weight: 600;
  }
  .full {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  dl {
    margin: var(--_crm-space-1) 0 0;
    display: grid;
    gap: 2px;
    font-size: 0.9em;
  }
  dt {
    color: var(--_crm-fg-muted);
    font-size: 0.85em;
  }
  dd {
    margin: 0 0 var(--_crm-space-1);
    overflow-wrap: anywhere;
  }
`;
