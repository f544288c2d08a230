import {
  computeActivityCounters,
  CrmDataController,
  CrmDrillDownEvent,
  CrmElement,
  CrmError,
  LocalizeController,
  stateRenderers,
  stateStyles,
  type ActivityCounters,
  type Counter,
  type CounterKey,
  type DeepPartial,
  type Id,
} from '@crmkit/core';
import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { CrmClientTimeline } from '../client-timeline/client-timeline.js';
import { loadClientCard, type ClientCardData } from '../client-timeline/timeline-data.js';
import { activityCountersStrings, type ActivityCountersStrings } from './activity-counters.strings.js';
import { activityCountersStyles } from './activity-counters.styles.js';
import { containerFitStyles } from '../container-fit.styles.js';

/** The counters shown, by group, in order. */
export const COUNTER_GROUPS = {
  deals: ['deals.open', 'deals.won', 'deals.lost'],
  invoices: ['invoices.paid', 'invoices.unpaid'],
  activities: ['activities.planned', 'activities.overdue', 'activities.done'],
  documents: ['documents.all'],
} as const satisfies Record<string, readonly CounterKey[]>;

/**
 * How many deals (open / won / lost, with sums), invoices (paid / unpaid, with sums), activities
 * (planned / overdue / done) and documents are linked to a client. Exact counts, never capped.
 * Every number is a button: it fires `crm-drill-down` with what it counts, and, when `for` names
 * a `<crm-client-timeline>` on the page, filters that timeline to those records (unless a
 * listener cancelled the event).
 *
 * @summary Exact counts of a client's deals, invoices, activities and documents, each a drill-down.
 * @csspart counter - Each number button.
 * @csspart group - Each group of counters.
 * @csspart loading - Progress while loading.
 * @csspart error - Shown when loading failed.
 * @csspart empty - Shown when there is nothing to count.
 * @csspart status - The "data as of" line with the refresh button.
 * @cssstate loading - Data is loading.
 * @cssstate error - The last load failed.
 * @fires {CrmDrillDownEvent} crm-drill-down - A number was activated; `detail` says what it counts and how to query it.
 */
export class CrmActivityCounters extends CrmElement {
  static override styles = [...CrmElement.styles, stateStyles, containerFitStyles, activityCountersStyles];

  /** Kind of the client record: `contact` or `company`. */
  @property({ attribute: 'entity-type', reflect: true }) entityType: 'contact' | 'company' = 'contact';

  /** Id of the client record in the CRM; a number is accepted (`entityId={5}`) and read as its decimal string. */
  @property({ attribute: 'entity-id', reflect: true }) entityId: Id | number = '';

  /** Id of a `<crm-client-timeline>` in the same document (or shadow root) to filter on drill-down. */
  @property({ attribute: 'for', reflect: true }) for = '';

  /** "Now" for planned vs overdue; the current time when unset. */
  @property({ type: Number }) now?: number;

  /** Overrides of this widget's strings (deep-merged over the language's dictionary). */
  @property({ attribute: false }) strings?: DeepPartial<ActivityCountersStrings>;

  private readonly localize = new LocalizeController<ActivityCountersStrings>(this, activityCountersStrings, () => this.strings);

  private readonly data = new CrmDataController<ClientCardData, readonly ['contact' | 'company', string]>(this, {
    args: () => [this.entityType, String(this.entityId ?? '')] as const,
    load: (ctx, kind, id) => {
      if (!id) throw new CrmError('invalid-input', { detail: 'entity-id' });
      return loadClientCard(ctx.adapter, { kind, id }, { signal: ctx.signal, onProgress: (p) => ctx.progress(p) });
    },
  });

  private memo?: { card: ClientCardData; value: ActivityCounters };

  /** The counters of the loaded client. */
  get counters(): ActivityCounters | undefined {
    const card = this.data.value;
    if (!card) return undefined;
    if (this.memo?.card !== card) this.memo = { card, value: computeActivityCounters(card.subject, card.data, this.now ?? Date.now()) };
    return this.memo.value;
  }

  private label(c: Counter): string {
    const t = this.localize.t;
    const group = c.key.split('.')[0] as keyof ActivityCountersStrings['groups'];
    return `${t.groups[group]} — ${t.counters[c.key]}`;
  }

  private drill(c: Counter): void {
    const event = new CrmDrillDownEvent({ key: c.key, entity: c.entity, filter: c.filter, count: c.count });
    if (!this.dispatchEvent(event) || !this.for) return;
    const root = this.getRootNode() as Document | ShadowRoot;
    const target = root.getElementById?.(this.for) as CrmClientTimeline | null;
    target?.applyDrillDown?.({ entity: c.entity, filter: c.filter, label: this.label(c) });
  }

  private sums(c: Counter): string {
    return c.sums.map((s) => this.localize.money(s.amount, s.currency)).join(' + ');
  }

  private renderCounter(c: Counter): TemplateResult {
    const t = this.localize.t;
    const sum = c.entity === 'deal' || c.entity === 'invoice' ? this.sums(c) : '';
    const count = this.localize.number(c.count);
    return html`<button
      class="counter"
      part="counter"
      type="button"
      data-key=${c.key}
      ?data-zero=${c.count === 0}
      title=${t.counterLabel(this.label(c), count, sum)}
      @click=${() => this.drill(c)}
    >
      <span class="visually-hidden">${t.groups[c.key.split('.')[0] as keyof ActivityCountersStrings['groups']]}: </span>
      <span class="n">${count}</span>
      <span class="what">${t.counters[c.key]}</span>
      ${sum ? html`<span class="sum">${sum}</span>` : nothing}
    </button>`;
  }

  private renderComplete(): TemplateResult {
    const t = this.localize.t;
    const counters = this.counters as ActivityCounters;
    return html`<div class="groups" role="group" aria-label=${t.label}>
      ${(Object.keys(COUNTER_GROUPS) as (keyof typeof COUNTER_GROUPS)[]).map(
        (g) => html`<section class="group" part="group" aria-labelledby=${`g-${g}`}>
          <h3 id=${`g-${g}`}>${t.groups[g]}</h3>
          <div class="buttons">${COUNTER_GROUPS[g].map((k) => this.renderCounter(counters[k]))}</div>
        </section>`,
      )}
    </div>`;
  }

  protected override render(): unknown {
    return this.data.render({
      ...stateRenderers(this.localize, this.data as unknown as CrmDataController<unknown, readonly unknown[]>),
      complete: () => this.renderComplete(),
    });
  }
}
