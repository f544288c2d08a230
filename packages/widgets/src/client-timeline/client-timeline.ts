import { cssProps } from '@crmkit/core';
import {
  buildClientTimeline,
  CrmDataController,
  CrmElement,
  CrmError,
  CSV_MIME,
  DATE_PRESET_KEYS,
  downloadBlob,
  matchesTimelineFilter,
  formatDuration,
  LocalizeController,
  openRecord,
  renderEmpty,
  safeFileName,
  stateRenderers,
  stateStyles,
  TIMELINE_CATEGORIES,
  TIMELINE_SCOPES,
  timelineCategoryCounts,
  toCsv,
  authorDiffers,
  type ClientTimeline,
  type DatePresetKey,
  type DeepPartial,
  type DrillDownDetail,
  type Employee,
  type ExportColumn,
  type Id,
  type TimelineCategory,
  type TimelineEvent,
  type TimelineFilter,
  type TimelineScope,
} from '@crmkit/core';
import type { DataTableColumn, TableSort } from '@crmkit/core/ui/data-table/index.js';
import type { CrmRowActivateEvent } from '@crmkit/core/events/row-activate.js';
import { rangeOfDays, resolveDatePreset } from '@crmkit/core/ui/date-presets.js';
import '@crmkit/core/ui/data-table/crm-data-table.js';
import '@crmkit/core/ui/employee/crm-employee.js';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { clientTimelineStrings, type ClientTimelineStrings } from './client-timeline.strings.js';
import { clientTimelineStyles } from './client-timeline.styles.js';
import { loadClientCard, loadOlderActivities, type ClientCardData } from './timeline-data.js';
import { containerFitStyles } from '../container-fit.styles.js';

// Cells render inside the data table's shadow root, out of reach of this element's styles; cssProps
// sets them through the CSSOM, which a strict `style-src 'self'` CSP allows (a style attribute it does not).
const DETAIL_STYLE = cssProps({ color: 'var(--_crm-fg-muted)', fontSize: '0.9em' });

interface TimelineView {
  readonly upcoming: readonly TimelineEvent[];
  readonly history: readonly TimelineEvent[];
  readonly counts: Record<TimelineCategory, number>;
}

const EMPTY_VIEW: TimelineView = { upcoming: [], history: [], counts: timelineCategoryCounts([]) };

export const CLIENT_ENTITY_TYPES = ['contact', 'company'] as const;
export type ClientEntityType = (typeof CLIENT_ENTITY_TYPES)[number];

/** Date presets offered by the timeline (past-looking plus "all" and "custom"). */
export const TIMELINE_DATE_PRESETS = ['all', 'today', 'last7', 'last30', 'thisMonth', 'lastMonth', 'thisQuarter', 'thisYear', 'custom'] as const satisfies readonly DatePresetKey[];

/** A drill-down applied from a counter: only these records' events. */
export interface TimelineDrill {
  readonly label: string;
  readonly records: readonly string[];
}

/**
 * The full history of a contact or a company: deals and every stage move, invoices, payments,
 * calls, e-mails, dialogs, meetings, tasks, documents, comments — with its contacts' events for a
 * company and each company's context for a contact. Planned and overdue items sit above the
 * history. Filters by type (chips with counts), period, employee and text; sorts by date, type,
 * responsible and author (highlighted where they differ); virtualized for 10,000+ events.
 *
 * @summary A client's full history with filters, scope switch and planned items.
 * @csspart header - Title and scope switch.
 * @csspart toolbar - Filters, search and export.
 * @csspart upcoming - The planned and overdue block.
 * @csspart table - The history grid (the data table inside).
 * @csspart status - "Loaded N of M" and "Load older".
 * @csspart empty - Shown when nothing matches.
 * @csspart error - Shown when loading failed.
 * @csspart loading - Progress while loading.
 * @cssprop [--crm-timeline-row-height=52px] - Height of each history row.
 * @cssprop [--crm-timeline-max-height=32rem] - Height of the history before it scrolls.
 * @cssstate loading - Data is loading.
 * @cssstate error - The last load failed.
 * @cssstate stale - Shown data is being refreshed.
 * @cssstate empty - The client has no events.
 * @fires {CrmRecordOpenEvent} crm-record-open - An event's record is to be opened; cancel to open it your way.
 */
export class CrmClientTimeline extends CrmElement {
  static override styles = [...CrmElement.styles, stateStyles, containerFitStyles, clientTimelineStyles];

  /** `contact` or `company`. */
  @property({ attribute: 'entity-type', reflect: true }) entityType: ClientEntityType = 'contact';

  /** Id of the contact or company; a number is accepted (`entityId={5}`) and read as its decimal string. */
  @property({ attribute: 'entity-id', reflect: true }) entityId: Id | number = '';

  /** `record` (this record only), `contacts` (with contacts / companies), `deals` (with deals). */
  @property({ reflect: true }) scope: TimelineScope = 'deals';

  /** Activities per page when the adapter pages; "Load older" fetches the next. Empty loads all. */
  @property({ attribute: 'page-size', type: Number }) pageSize: number | undefined = 2000;

  /** "Now" for planned vs overdue and date presets; the current time when unset. */
  @property({ type: Number }) now?: number;

  /** Overrides of any term of the dictionary. */
  @property({ attribute: false }) strings?: DeepPartial<ClientTimelineStrings>;

  @state() private categories: readonly TimelineCategory[] = [];
  @state() private preset: DatePresetKey = 'all';
  @state() private customFrom = '';
  @state() private customTo = '';
  @state() private employeeId = '';
  @state() private search = '';
  @state() private drill?: TimelineDrill;
  @state() private sort: TableSort = { key: 'date', direction: 'desc' };
  @state() private loadingOlder = false;

  private readonly localize = new LocalizeController<ClientTimelineStrings>(this, clientTimelineStrings, () => this.strings);
  private olderAbort?: AbortController;
  private built?: { card: ClientCardData; scope: TimelineScope; now: number; value: ClientTimeline };
  /** The filtered view and the chip counts, kept while nothing they depend on changes. */
  private view?: { deps: readonly unknown[]; value: TimelineView };
  /** The employee filter's options, per built timeline. */
  private people?: { timeline: ClientTimeline; employees: ReadonlyMap<Id, Employee>; value: readonly { id: Id; name: string }[] };
  /** Column definitions, kept so the table does not re-sort 10,000 rows on every render. */
  private cols?: { t: ClientTimelineStrings; tz: string | undefined; lang: string; value: DataTableColumn<TimelineEvent>[] };

  private readonly data = new CrmDataController<ClientCardData, readonly [ClientEntityType, string, number | undefined]>(this, {
    args: () => [this.entityType, String(this.entityId ?? ''), this.pageSize] as const,
    load: (ctx, kind, id, pageSize) => {
      if (!id) throw new CrmError('invalid-input', { detail: 'entity-id' });
      return loadClientCard(ctx.adapter, { kind, id }, { signal: ctx.signal, pageSize: pageSize || undefined, onProgress: (p) => ctx.progress(p) });
    },
    isEmpty: (v) => v.data.deals.length + v.data.activities.length + v.data.invoices.length + v.data.payments.length === 0,
  });

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.olderAbort?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('entityId') || changed.has('entityType')) this.drill = undefined;
  }

  private get currentNow(): number {
    return this.now ?? Date.now();
  }

  /** The timeline as built from the loaded data (before filters). */
  get timeline(): ClientTimeline | undefined {
    const card = this.data.value;
    if (!card) return undefined;
    const now = this.currentNow;
    const b = this.built;
    if (b && b.card === card && b.scope === this.scope && (this.now === undefined || b.now === now)) return b.value;
    const value = buildClientTimeline(card.subject, card.data, { scope: this.scope, now });
    this.built = { card, scope: this.scope, now, value };
    return value;
  }

  /** Narrows the timeline to the records behind a counter (what `<crm-activity-counters for>` calls). */
  applyDrillDown(detail: Pick<DrillDownDetail, 'entity' | 'filter'> & { label?: string }): void {
    const ids = detail.filter.find((c) => c.field === 'id' && c.op === 'in')?.value;
    const list = Array.isArray(ids) ? ids : ids !== undefined ? [ids] : [];
    this.drill = { label: detail.label ?? detail.entity, records: list.map((id) => `${detail.entity}:${String(id)}`) };
  }

  clearDrillDown(): void {
    this.drill = undefined;
  }

  private employeeName = (id: Id): string => this.data.value?.employees.get(id)?.name ?? id;

  private filterWithout(categories: boolean): TimelineFilter {
    const tz = this.data.value?.timeZone ?? 'UTC';
    const range =
      this.preset === 'all'
        ? undefined
        : this.preset === 'custom'
          ? rangeOfDays(this.customFrom || undefined, this.customTo || undefined, tz)
          : resolveDatePreset(this.preset, this.currentNow, tz);
    return {
      ...(categories && this.categories.length ? { categories: this.categories } : {}),
      ...(range?.from !== undefined ? { from: range.from } : {}),
      ...(range?.to !== undefined ? { to: range.to } : {}),
      ...(this.employeeId ? { employeeId: this.employeeId } : {}),
      ...(this.search.trim() ? { search: this.search } : {}),
      ...(this.drill ? { records: this.drill.records } : {}),
    };
  }

  /** The events shown now (planned block first, then history), after every filter. */
  get visibleEvents(): { upcoming: TimelineEvent[]; history: TimelineEvent[] } {
    const v = this.filteredView();
    return { upcoming: v.upcoming.slice(), history: v.history.slice() };
  }

  /**
   * One pass over the timeline: the events every filter keeps, and the chip counts (every
   * filter but the categories). Unfiltered, the built lists themselves are shown (no copy).
   */
  private filteredView(): TimelineView {
    const t = this.timeline;
    if (!t) return EMPTY_VIEW;
    const f = this.filterWithout(false);
    const deps = [t, this.data.value?.employees, this.categories, f.from, f.to, f.employeeId, f.search, this.drill];
    const cached = this.view;
    if (cached && cached.deps.length === deps.length && cached.deps.every((d, i) => d === deps[i])) return cached.value;
    const counts = timelineCategoryCounts([]);
    const only = this.categories.length ? new Set<TimelineCategory>(this.categories) : undefined;
    const unfiltered = Object.keys(f).length === 0;
    const pass = (events: readonly TimelineEvent[]): readonly TimelineEvent[] => {
      if (unfiltered && !only) {
        for (const e of events) counts[e.category]++;
        return events;
      }
      const out: TimelineEvent[] = [];
      for (const e of events) {
        if (!unfiltered && !matchesTimelineFilter(e, f, this.employeeName)) continue;
        counts[e.category]++;
        if (!only || only.has(e.category)) out.push(e);
      }
      return out;
    };
    const value: TimelineView = { upcoming: pass(t.upcoming), history: pass(t.history), counts };
    this.view = { deps, value };
    return value;
  }

  /** Everyone responsible for or the author of an event, by name (the employee filter's options). */
  private peopleOptions(): readonly { id: Id; name: string }[] {
    const tl = this.timeline;
    const employees = this.data.value?.employees;
    if (!tl || !employees) return [];
    if (this.people && this.people.timeline === tl && this.people.employees === employees) return this.people.value;
    const people = new Set<Id>();
    for (const list of [tl.upcoming, tl.history]) {
      for (const e of list) {
        if (e.responsibleId !== undefined) people.add(e.responsibleId);
        if (e.authorId !== undefined) people.add(e.authorId);
      }
    }
    const value = [...people].map((id) => ({ id, name: this.employeeName(id) })).sort((a, b) => a.name.localeCompare(b.name));
    this.people = { timeline: tl, employees, value };
    return value;
  }

  private exportColumns(): ExportColumn<TimelineEvent>[] {
    const t = this.localize.t;
    return [
      { label: t.columns.date, value: (e) => new Date(e.at) },
      { label: t.columns.recorded, value: (e) => new Date(e.recordedAt) },
      { label: t.columns.type, value: (e) => t.types[e.type] },
      { label: t.columns.event, value: (e) => e.title },
      { label: t.columns.status, value: (e) => t.statuses[e.status] },
      { label: t.columns.via, value: (e) => (e.via ? t.via[e.via.kind](e.via.name) : '') },
      { label: t.columns.amount, value: (e) => e.amount },
      { label: t.columns.responsible, value: (e) => (e.responsibleId !== undefined ? this.employeeName(e.responsibleId) : '') },
      { label: t.columns.author, value: (e) => (e.authorId !== undefined ? this.employeeName(e.authorId) : '') },
    ];
  }

  /** The filtered view (planned first, then history) as CSV text, as the Export button saves it. */
  toCsv(): string {
    const { upcoming, history } = this.visibleEvents;
    return toCsv([...upcoming, ...history], this.exportColumns(), { lang: this.localize.lang, timeZone: this.data.value?.timeZone });
  }

  private exportCsv(): void {
    downloadBlob(this.toCsv(), safeFileName(`${this.localize.t.fileName} ${this.timeline?.name ?? ''}`, 'csv'), CSV_MIME);
  }

  private open(e: TimelineEvent): void {
    openRecord(this, { kind: e.record.kind, id: e.record.id, ...(e.record.url ? { url: e.record.url } : {}) });
  }

  private async loadOlder(): Promise<void> {
    const card = this.data.value;
    const adapter = this.resolvedAdapter;
    if (!card || !adapter || this.loadingOlder) return;
    this.olderAbort = new AbortController();
    this.loadingOlder = true;
    try {
      this.data.value = await loadOlderActivities(adapter, card, this.olderAbort.signal);
    } catch (e) {
      if ((e as { name?: string }).name !== 'AbortError') console.error('[crmkit]', e);
    } finally {
      this.loadingOlder = false;
    }
  }

  private employee(id: Id | undefined, highlight = false): TemplateResult | typeof nothing {
    if (id === undefined) return nothing;
    const card = this.data.value;
    const emp: Employee | undefined = card?.employees.get(id);
    const style = cssProps(highlight ? { fontWeight: '600', color: 'var(--_crm-warning)' } : {});
    return html`<span ${style}
      ><crm-employee .employee=${emp} .departments=${card?.departments} name=${emp ? nothing : id} lang=${this.localize.lang}></crm-employee
      >${highlight ? html`<span class="visually-hidden"> (${this.localize.t.differs})</span>` : nothing}</span
    >`;
  }

  private details(e: TimelineEvent): string {
    const t = this.localize.t;
    const parts: string[] = [];
    if (e.via) parts.push(t.via[e.via.kind](e.via.name));
    if (e.stageName && e.category === 'deal') parts.push(e.stageName);
    if (e.direction) parts.push(e.direction === 'incoming' ? t.incoming : t.outgoing);
    if (e.durationSec !== undefined) parts.push(formatDuration(e.durationSec));
    if (e.channel) parts.push(e.channel);
    if (e.amount !== undefined && e.category !== 'deal') parts.push(this.localize.money(e.amount, e.currency));
    if (e.amount !== undefined && e.type === 'deal-created') parts.push(this.localize.money(e.amount, e.currency));
    return parts.join(' · ');
  }

  private hoverTimes(e: TimelineEvent): string {
    const t = this.localize.t;
    const tz = this.data.value?.timeZone;
    return `${t.happened(this.localize.dateTime(e.at, tz))}\n${t.recorded(this.localize.dateTime(e.recordedAt, tz))}`;
  }

  private columns(): DataTableColumn<TimelineEvent>[] {
    const t = this.localize.t;
    const tz = this.data.value?.timeZone;
    const lang = this.localize.lang;
    const c = this.cols;
    if (c && c.t === t && c.tz === tz && c.lang === lang) return c.value;
    const value = this.buildColumns(t, tz);
    this.cols = { t, tz, lang, value };
    return value;
  }

  private buildColumns(t: ClientTimelineStrings, tz: string | undefined): DataTableColumn<TimelineEvent>[] {
    const order = new Map<string, number>(TIMELINE_CATEGORIES.map((c, i) => [c, i]));
    return [
      {
        key: 'date',
        label: t.columns.date,
        width: '9.5rem',
        value: (e) => new Date(e.at),
        sortValue: (e) => e.at,
        render: (e) => html`<span title=${this.hoverTimes(e)}>${this.localize.dateTime(e.at, tz)}</span>`,
      },
      {
        key: 'type',
        label: t.columns.type,
        width: '9rem',
        value: (e) => t.types[e.type],
        sortValue: (e) => order.get(e.category) ?? 0,
      },
      {
        key: 'event',
        label: t.columns.event,
        value: (e) => e.title,
        render: (e) => {
          const d = this.details(e);
          return html`<span title=${e.title}>${e.title}</span>${d ? html`<br /><span ${DETAIL_STYLE}>${d}</span>` : nothing}`;
        },
      },
      {
        key: 'responsible',
        label: t.columns.responsible,
        width: '10rem',
        value: (e) => (e.responsibleId !== undefined ? this.employeeName(e.responsibleId) : ''),
        render: (e) => this.employee(e.responsibleId),
      },
      {
        key: 'author',
        label: t.columns.author,
        width: '10rem',
        value: (e) => (e.authorId !== undefined ? this.employeeName(e.authorId) : ''),
        render: (e) => this.employee(e.authorId, authorDiffers(e)),
      },
    ];
  }

  private renderScope(): TemplateResult {
    const t = this.localize.t;
    return html`<fieldset class="scope">
      <legend>${t.scope}</legend>
      ${TIMELINE_SCOPES.map(
        (s) => html`<label
          ><input
            type="radio"
            name="scope"
            value=${s}
            .checked=${this.scope === s}
            @change=${() => {
              this.scope = s;
            }}
          />${t.scopes[s]}</label
        >`,
      )}
    </fieldset>`;
  }

  private renderToolbar(counts: Record<TimelineCategory, number>): TemplateResult {
    const t = this.localize.t;
    const core = this.localize.core;
    const card = this.data.value;
    const employees = this.peopleOptions();
    const shown = TIMELINE_CATEGORIES.filter((c) => counts[c] > 0 || this.categories.includes(c));
    return html`<div part="toolbar">
        <label class="field"
          >${core.search}
          <input
            type="search"
            .value=${this.search}
            @input=${(e: Event) => {
              this.search = (e.target as HTMLInputElement).value;
            }}
        /></label>
        <label class="field"
          >${t.period}
          <select
            @change=${(e: Event) => {
              this.preset = (e.target as HTMLSelectElement).value as DatePresetKey;
            }}
          >
            ${TIMELINE_DATE_PRESETS.filter((p) => (DATE_PRESET_KEYS as readonly string[]).includes(p)).map(
              (p) => html`<option value=${p} ?selected=${this.preset === p}>${core.datePresets[p]}</option>`,
            )}
          </select></label
        >
        ${this.preset === 'custom'
          ? html`<label class="field"
                >${core.dateFrom}<input
                  type="date"
                  .value=${this.customFrom}
                  @change=${(e: Event) => {
                    this.customFrom = (e.target as HTMLInputElement).value;
                  }} /></label
              ><label class="field"
                >${core.dateTo}<input
                  type="date"
                  .value=${this.customTo}
                  @change=${(e: Event) => {
                    this.customTo = (e.target as HTMLInputElement).value;
                  }}
              /></label>`
          : nothing}
        <label class="field"
          >${core.employee}
          <select
            @change=${(e: Event) => {
              this.employeeId = (e.target as HTMLSelectElement).value;
            }}
          >
            <option value="" ?selected=${!this.employeeId}>${core.anyEmployee}</option>
            ${employees.map((p) => html`<option value=${p.id} ?selected=${this.employeeId === p.id}>${p.name}</option>`)}
          </select></label
        >
        <button class="crm-button" type="button" ?disabled=${!card} @click=${() => this.exportCsv()}>${core.exportCsv}</button>
      </div>
      <ul class="chips" aria-label=${t.categoriesLabel}>
        ${shown.map(
          (c) => html`<li>
            <button
              class="chip"
              type="button"
              data-category=${c}
              aria-pressed=${this.categories.includes(c) ? 'true' : 'false'}
              @click=${() => {
                this.categories = this.categories.includes(c) ? this.categories.filter((x) => x !== c) : [...this.categories, c];
              }}
            >
              ${t.categories[c]} <span class="n">${this.localize.number(counts[c])}</span>
            </button>
          </li>`,
        )}
      </ul>`;
  }

  private renderUpcoming(events: readonly TimelineEvent[]): TemplateResult {
    const t = this.localize.t;
    const tz = this.data.value?.timeZone;
    return html`<section part="upcoming" aria-labelledby="upcoming-title">
      <h3 id="upcoming-title">${t.upcoming} (${this.localize.number(events.length)})</h3>
      ${events.length
        ? html`<ul>
            ${events.map(
              (e) => html`<li data-key=${e.key}>
                <span class=${`status-${e.status}`}>${t.statuses[e.status]}</span>
                <span class="muted">${t.due(this.localize.dateTime(e.at, tz))}</span>
                <button class="link" type="button" @click=${() => this.open(e)}>${t.types[e.type]}: ${e.title}</button>
                ${e.via ? html`<span class="muted">${t.via[e.via.kind](e.via.name)}</span>` : nothing}
                ${this.employee(e.responsibleId)}
              </li>`,
            )}
          </ul>`
        : html`<p class="muted">${t.nothingUpcoming}</p>`}
    </section>`;
  }

  private renderComplete(card: ClientCardData): TemplateResult {
    const t = this.localize.t;
    const tl = this.timeline as ClientTimeline;
    const { upcoming, history, counts } = this.filteredView();
    const loaded = card.data.activities.length;
    const total = card.activitiesTotal;
    const empty = tl.history.length + tl.upcoming.length === 0;
    return html`
      ${this.renderToolbar(counts)}
      ${this.drill
        ? html`<div class="drill" role="status">
            <span>${t.drilled(this.drill.label)}</span>
            <button class="crm-button" type="button" @click=${() => this.clearDrillDown()}>${t.clearDrill}</button>
          </div>`
        : nothing}
      ${empty ? renderEmpty(this.localize) : nothing}
      ${empty ? nothing : this.renderUpcoming(upcoming)}
      ${empty
        ? nothing
        : html`<h3 id="history-title">${t.history} (${t.events(history.length)})</h3>
            <crm-data-table
              exportparts="table,row,header"
              lang=${this.localize.lang}
              .label=${t.history}
              .columns=${this.columns()}
              .rows=${history}
              .sort=${this.sort}
              .emptyText=${this.localize.core.nothingMatches}
              @crm-row-activate=${(ev: CrmRowActivateEvent<TimelineEvent>) => {
                ev.stopPropagation();
                this.open(ev.row);
              }}
              @click=${(ev: Event) => this.syncSort(ev)}
              @keyup=${(ev: Event) => this.syncSort(ev)}
            ></crm-data-table>`}
      ${total !== undefined && (total > loaded || card.nextCursor !== undefined)
        ? html`<div class="paging" part="status">
            <span>${t.loadedOf(this.localize.number(loaded), this.localize.number(total))}</span>
            ${card.nextCursor !== undefined
              ? html`<button class="crm-button" type="button" ?disabled=${this.loadingOlder} @click=${() => this.loadOlder()}>${t.loadOlder}</button>`
              : nothing}
          </div>`
        : nothing}
    `;
  }

  /** Keeps the table's sort across re-renders (the table owns the clicks on its headers). */
  private syncSort(ev: Event): void {
    const table = ev.currentTarget as { sort?: TableSort };
    if (table.sort && table.sort !== this.sort) this.sort = table.sort;
  }

  protected override render(): TemplateResult {
    const t = this.localize.t;
    const name = this.timeline?.name;
    return html`<div class="wrap" role="region" aria-label=${name ? t.titleFor(name) : t.label}>
      <div part="header">
        <h2>${name ? t.titleFor(name) : t.label}</h2>
        ${this.renderScope()}
      </div>
      ${this.entityId
        ? this.data.render({ ...stateRenderers(this.localize, this.data as unknown as CrmDataController<unknown, readonly unknown[]>), complete: (card) => this.renderComplete(card) })
        : renderEmpty(this.localize, t.noSubject)}
    </div>`;
  }
}
