import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { CrmElement } from '../../base/element.js';
import { CrmLoadCancelEvent } from '../../events/load-cancel.js';
import type { DeepPartial } from '../../i18n/deep-merge.js';
import { en as coreEn } from '../../i18n/en.js';
import { LocalizeController } from '../../i18n/localize-controller.js';
import { ru as coreRu } from '../../i18n/ru.js';
import type { CoreTranslation } from '../../i18n/translation.js';
import type { StateViewController } from '../state-views.js';
import { progressBarStyles } from './progress-bar.styles.js';

/**
 * Progress of a long load: "Loaded 12,000 of 60,000 · 40 seconds left", a bar (indeterminate
 * while the total is unknown) and a Cancel button. Bind `loaded`/`total`/`timeLeftMs`, or give
 * it a data `controller` to read them from and to cancel. The text is a polite live region.
 *
 * @summary Records loaded of total, time left, and a Cancel button.
 * @csspart cancel - The Cancel button.
 * @cssprop [--crm-progress-height=6px] - Height of the bar.
 * @fires {CrmLoadCancelEvent} crm-load-cancel - Cancel pressed; `preventDefault()` keeps a bound controller running.
 */
export class CrmProgressBar extends CrmElement {
  static override styles = [...CrmElement.styles, progressBarStyles];

  /** Records loaded so far (without a `controller`). */
  @property({ type: Number }) loaded?: number;
  /** Records expected in total, when known (without a `controller`). */
  @property({ type: Number }) total?: number;
  /** Estimated time left, in ms, when known (without a `controller`). */
  @property({ type: Number, attribute: 'time-left-ms' }) timeLeftMs?: number;
  /** Hide the Cancel button. */
  @property({ type: Boolean, attribute: 'no-cancel' }) noCancel = false;
  /** A data controller to read progress from and cancel. */
  @property({ attribute: false }) controller?: StateViewController;
  /** Overrides of the core strings used here. */
  @property({ attribute: false }) strings?: DeepPartial<CoreTranslation>;

  private readonly localize = new LocalizeController<CoreTranslation>(this, { ru: coreRu, en: coreEn }, () => this.strings);

  private cancel(): void {
    const event = new CrmLoadCancelEvent();
    if (this.dispatchEvent(event)) this.controller?.cancel();
  }

  protected override render(): TemplateResult {
    const loc = this.localize;
    const t = loc.t;
    const p = this.controller?.progress;
    const loaded = p?.loaded ?? this.loaded;
    const total = p ? p.total : this.total;
    const left = this.controller ? this.controller.timeLeftMs : this.timeLeftMs;
    const text =
      loaded === undefined ? t.loading : total !== undefined ? t.loadedOf(loc.number(loaded), loc.number(total)) : t.loadedCount(loaded);
    const leftText =
      left !== undefined && Number.isFinite(left)
        ? t.timeLeft(left >= 60_000 ? t.minutes(Math.ceil(left / 60_000)) : t.seconds(Math.max(1, Math.ceil(left / 1000))))
        : '';
    return html`<div class="wrap">
      <span class="text" role="status" aria-live="polite">${text}${leftText ? ` · ${leftText}` : ''}</span>
      ${this.noCancel ? nothing : html`<button type="button" part="cancel" @click=${() => this.cancel()}>${t.cancel}</button>`}
      ${total !== undefined && loaded !== undefined
        ? html`<progress aria-label=${t.progress} max=${Math.max(total, 1)} value=${Math.min(loaded, total)}></progress>`
        : html`<progress aria-label=${t.progress}></progress>`}
    </div>`;
  }
}
