import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { renderStatusBar, type CrmDataController, type LocalizeController } from '@crmkit/core';

type Ctrl = CrmDataController<unknown, readonly unknown[]>;

/**
 * The loading view. Core's `renderProgress` binds `.value = undefined` on `<progress>` before
 * the total is known, which Chromium rejects ("non-finite"); this one leaves the attribute out,
 * so the bar is indeterminate until the total arrives. Same text, part and Cancel button.
 */
export function renderPending(loc: LocalizeController<object>, ctrl: Ctrl): TemplateResult {
  const p = ctrl.progress;
  const text = p ? (p.total !== undefined ? loc.core.loadedOf(loc.number(p.loaded), loc.number(p.total)) : loc.core.loadedCount(p.loaded)) : loc.core.loading;
  return html`<div class="crm-state" part="loading" role="status" aria-live="polite">
    <span>${text}</span>
    <progress class="crm-progress" aria-label=${loc.core.progress} max=${ifDefined(p?.total)} value=${ifDefined(p?.total !== undefined ? p.loaded : undefined)}></progress>
    <button class="crm-button" type="button" @click=${() => ctrl.cancel()}>${loc.core.cancel}</button>
  </div>`;
}

/** "Data as of" with refresh; while refreshing over shown data, the pending view instead. */
export function renderStatus(loc: LocalizeController<object>, ctrl: Ctrl): TemplateResult | typeof nothing {
  return ctrl.stale ? html`<div class="crm-status-bar" part="status">${renderPending(loc, ctrl)}</div>` : renderStatusBar(loc, ctrl);
}
