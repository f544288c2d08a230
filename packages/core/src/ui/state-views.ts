import { html, css, nothing, type TemplateResult } from 'lit';
import type { CrmError } from '../adapter/errors.js';
import type { CrmDataController } from '../base/data-controller.js';
import type { LocalizeController } from '../i18n/localize-controller.js';
import type { EntityName } from '../model/entities.js';

/**
 * The shared loading, progress, error, empty and "as of" views. Templates, not elements, so a
 * widget's own `::part`s and styles apply and nothing needs registering first.
 */
export const stateStyles = css`
  .crm-state {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: var(--_crm-space-2);
    padding: var(--_crm-space-4);
    color: var(--_crm-fg-muted);
  }
  .crm-state[data-kind='error'] {
    color: var(--_crm-danger);
  }
  .crm-state strong {
    color: var(--_crm-fg);
  }
  .crm-progress {
    inline-size: min(100%, 24rem);
    block-size: 6px;
    accent-color: var(--_crm-accent);
  }
  .crm-button {
    display: inline-flex;
    align-items: center;
    gap: var(--_crm-space-1);
    padding: 4px 10px;
    min-block-size: 32px;
    border: 1px solid var(--_crm-border);
    border-radius: var(--_crm-radius);
    background: var(--_crm-bg);
    color: var(--_crm-fg);
    cursor: pointer;
  }
  .crm-button:hover {
    background: var(--_crm-hover);
  }
  .crm-button[data-primary] {
    background: var(--_crm-accent);
    border-color: var(--_crm-accent);
    color: var(--_crm-accent-fg);
  }
  .crm-status-bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_crm-space-2);
    font-size: 0.85em;
    color: var(--_crm-fg-muted);
  }
`;

type Localize = LocalizeController<object>;

/**
 * What the state views read from a data controller. Structural, so a widget's
 * `CrmDataController<Deal[], [string]>` fits without casts (the class itself is invariant in
 * its value type).
 */
export type StateViewController = Pick<
  CrmDataController<unknown, readonly unknown[]>,
  'progress' | 'timeLeftMs' | 'cancel' | 'retry' | 'refresh' | 'stale' | 'asOf'
>;

export function renderProgress(loc: Localize, ctrl: StateViewController): TemplateResult {
  const p = ctrl.progress;
  const left = ctrl.timeLeftMs;
  const text = p
    ? p.total !== undefined
      ? loc.core.loadedOf(loc.number(p.loaded), loc.number(p.total))
      : loc.core.loadedCount(p.loaded)
    : loc.core.loading;
  const leftText =
    left !== undefined
      ? loc.core.timeLeft(left >= 60_000 ? loc.core.minutes(Math.ceil(left / 60_000)) : loc.core.seconds(Math.ceil(left / 1000)))
      : '';
  return html`<div class="crm-state" part="loading" role="status" aria-live="polite">
    <span>${text}${leftText ? html` · ${leftText}` : nothing}</span>
    <progress
      class="crm-progress"
      aria-label=${loc.core.progress}
      max=${p?.total ?? 1}
      value=${p?.total !== undefined ? String(p.loaded) : nothing}
    ></progress>
    <button class="crm-button" type="button" @click=${() => ctrl.cancel()}>${loc.core.cancel}</button>
  </div>`;
}

export function errorMessage(loc: Localize, error: CrmError): string {
  if (error.code === 'not-supported' && error.detail) {
    const names = error.detail
      .split(',')
      .map((e) => loc.core.entityNames[e.trim() as EntityName] ?? e.trim())
      .join(', ');
    return loc.core.notAvailable(names);
  }
  return loc.core.errors[error.code] ?? loc.core.errors.unknown;
}

export function renderError(loc: Localize, error: CrmError, retry: () => void): TemplateResult {
  return html`<div class="crm-state" part="error" data-kind="error" role="alert">
    <strong>${loc.core.errorTitle}</strong>
    <span>${errorMessage(loc, error)}</span>
    ${error.code === 'not-supported'
      ? nothing
      : html`<button class="crm-button" type="button" @click=${retry}>${loc.core.retry}</button>`}
  </div>`;
}

export function renderEmpty(loc: Localize, message?: string, action?: { label: string; run: () => void }): TemplateResult {
  return html`<div class="crm-state" part="empty" role="status">
    <span>${message ?? loc.core.empty}</span>
    ${action ? html`<button class="crm-button" type="button" @click=${action.run}>${action.label}</button>` : nothing}
  </div>`;
}

export function renderNoAdapter(loc: Localize): TemplateResult {
  return html`<div class="crm-state" part="error" data-kind="error" role="alert">${loc.core.noAdapter}</div>`;
}

export function renderCancelled(loc: Localize, retry: () => void): TemplateResult {
  return html`<div class="crm-state" part="empty" role="status">
    <span>${loc.core.cancelled}</span>
    <button class="crm-button" type="button" @click=${retry}>${loc.core.retry}</button>
  </div>`;
}

/** "Data as of …" with refresh; while refreshing over shown data, the progress and Cancel. */
export function renderStatusBar(loc: Localize, ctrl: StateViewController): TemplateResult {
  if (ctrl.stale) {
    return html`<div class="crm-status-bar" part="status">
      <span>${loc.core.staleData}</span>${renderProgress(loc, ctrl)}
    </div>`;
  }
  return html`<div class="crm-status-bar" part="status">
    ${ctrl.asOf !== undefined ? html`<span>${loc.core.dataAsOf(loc.dateTime(ctrl.asOf))}</span>` : nothing}
    <button class="crm-button" type="button" @click=${() => ctrl.refresh(true)} title=${loc.core.forceRefresh}>
      ${loc.core.refresh}
    </button>
  </div>`;
}

/** Every non-complete renderer of a data controller, for `controller.render({...states, complete})`. */
export function stateRenderers(loc: Localize, ctrl: StateViewController) {
  return {
    pending: () => renderProgress(loc, ctrl),
    error: (e: CrmError) => renderError(loc, e, () => ctrl.retry()),
    cancelled: () => renderCancelled(loc, () => ctrl.retry()),
    noAdapter: () => renderNoAdapter(loc),
  };
}
