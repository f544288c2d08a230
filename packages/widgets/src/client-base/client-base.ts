import {
  CLIENT_CLASSES,
  CrmDataController,
  CrmElement,
  CSV_MIME,
  DEFAULT_FORGOTTEN_DAYS,
  DEFAULT_THRESHOLDS,
  downloadBlob,
  LocalizeController,
  managerControlRows,
  NO_PAYMENT_CLASSES,
  openRecord,
  PAYMENT_CLASSES,
  renderCancelled,
  renderEmpty,
  renderError,
  renderProgress,
  renderStatusBar,
  safeFileName,
  stateRenderers,
  stateStyles,
  toCsv,
  xlsxBytes,
  xlsxSheet,
  XLSX_MIME,
  type ClassEvidence,
  type ClientClass,
  type ControlRow,
  type DeepPartial,
  type Id,
  type StateViewController,
} from '@crmkit/core';
import type { DataTableColumn } from '@crmkit/core/ui/data-table/index.js';
import type { CrmRowActivateEvent } from '@crmkit/core/events/row-activate.js';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ClientBaseData, ClientRow } from './client-base-data.js';

export type { ClientRow } from './client-base-data.js';
import { CLIENT_BASE_VIEWS, clientBaseStrings, type ClientBaseStrings, type ClientBaseView } from './client-base.strings.js';
import { clientBaseStyles } from './client-base.styles.js';
import { containerFitStyles } from '../container-fit.styles.js';
import { afterPaint } from './after-paint.js';
import { ControlActivitiesController } from './control-loader.js';

type DataModule = typeof import('./client-base-data.js');
let dataModule: DataModule | undefined;
let dataLoading: Promise<DataModule> | undefined;
/**
 * The data module (cache, worker, classification), loaded when the first element connects (it is
 * there whenever data is), beside its first render: a reload's stored numbers wait for nothing else.
 */
function loadDataModule(): Promise<DataModule> {
  dataLoading ??= import('./client-base-data.js').then(
    (m) => (dataModule = m),
    (e: unknown) => {
      dataLoading = undefined; // a failed fetch is tried again by the next load
      throw e;
    },
  );
  return dataLoading;
}

let listLoading: Promise<unknown> | undefined;
/** The table and the employee chip: only the list needs them, after the numbers are painted. */
function loadListModules(): Promise<unknown> {
  listLoading ??= Promise.all([import('@crmkit/core/ui/data-table/crm-data-table.js'), import('@crmkit/core/ui/employee/crm-employee.js')]).catch((e: unknown) => {
    listLoading = undefined;
    throw e;
  });
  return listLoading;
}

type Segment = 'all' | 'b2b' | 'b2c' | ClientClass;

/**
 * The whole portal's clients (a company with its contacts, or a contact without a company):
 * totals B2B / B2C, classes by payments (Active / Sleeping / Lost, thresholds configurable, with a
 * suggestion from the portal's own gaps between payments) and, without payments, with requests →
 * with dialogs → with contact data → without contacts. Every number filters the list; each client
 * says why it is in its class. A forgotten-clients view and a manager-control table. Loads from
 * the browser cache with "data as of" and refresh, classifies in a worker, exports CSV and XLSX.
 *
 * @summary The client base: totals, classification with evidence, forgotten clients, manager control.
 * @csspart header - Title and view switch.
 * @csspart summary - Totals and class numbers.
 * @csspart toolbar - Search and export.
 * @csspart status - "Data as of" and refresh.
 * @csspart table - The list (the data table inside).
 * @csspart loading - Progress with Cancel.
 * @csspart control-window - Which activities manager control covers, when the CRM keeps last-activity times (Bitrix24).
 * @csspart error - Shown when loading failed.
 * @csspart empty - Shown for a portal without clients.
 * @cssstate loading - Data is loading.
 * @cssstate stale - Cached data is shown while it refreshes.
 * @cssstate error - The last load failed.
 * @cssstate empty - No clients.
 * @fires {CrmRecordOpenEvent} crm-record-open - A client or activity is to be opened; cancel to open it your way.
 */
export class CrmClientBase extends CrmElement {
  static override styles = [...CrmElement.styles, stateStyles, containerFitStyles, clientBaseStyles];

  /** Last payment at most this many days ago: active (default 90). */
  @property({ attribute: 'active-days', type: Number }) activeDays = DEFAULT_THRESHOLDS.activeDays;

  /** Last payment at most this many days ago: sleeping; beyond: lost (default 365). */
  @property({ attribute: 'sleeping-days', type: Number }) sleepingDays = DEFAULT_THRESHOLDS.sleepingDays;

  /** Days without interaction (and nothing planned) that make a client forgotten (default 30). */
  @property({ attribute: 'forgotten-days', type: Number }) forgottenDays = DEFAULT_FORGOTTEN_DAYS;

  /** The view shown: `clients`, `forgotten` or `control`. */
  @property({ reflect: true }) view: ClientBaseView = 'clients';

  /** "Now" for day counts; the current time when unset. */
  @property({ type: Number }) now?: number;

  /** Keep the cache in memory only (nothing written to IndexedDB). */
  @property({ type: Boolean, attribute: 'no-persist' }) noPersist = false;

  /** Overrides of this widget's strings (deep-merged over the language's dictionary). */
  @property({ attribute: false }) strings?: DeepPartial<ClientBaseStrings>;

  @state() private segment: Segment = 'all';
  @state() private search = '';
  /** The stored classification shown while the lists load and are classified again (warm start). */
  @state() private early?: ClientBaseData;
  /** The stored data's summary has been painted; its list follows in the next frame. */
  @state() private earlyPainted = false;
  private firstPaintMarked = false;

  private readonly localize = new LocalizeController<ClientBaseStrings>(this, clientBaseStrings, () => this.strings);
  /** Whether the last load was a forced refresh: manager control's own list follows suit. */
  private lastLoadForced = false;
  /** Manager control's activities when the load read only the open ones and the deciding dialogs. */
  private readonly control = new ControlActivitiesController(this, () => ({
    adapter: this.resolvedAdapter,
    persistent: !this.noPersist,
    loader: async () => (await loadDataModule()).loadControlActivities,
  }));

  private readonly data = new CrmDataController<ClientBaseData, readonly [number, number]>(this, {
    args: () => [this.activeDays, this.sleepingDays] as const,
    load: async (ctx, activeDays, sleepingDays) => {
      performance.mark('crm-client-base:task');
      // The loader (cache, worker, classification), the table and the employee chip are imported
      // with the data: none of it is needed before first render (the size budget). The table and
      // the chip load meanwhile; the stored numbers (a reload) are painted without waiting for them.
      const list = loadListModules();
      list.catch(() => undefined); // awaited below
      const { loadClientBase } = await loadDataModule();
      performance.mark('crm-client-base:data-module');
      this.early = undefined;
      this.earlyPainted = false;
      this.lastLoadForced = ctx.force;
      const value = await loadClientBase(ctx.adapter, {
        onStored: (d) => {
          if (!ctx.signal.aborted && this.data.value === undefined) this.early = d;
        },
        signal: ctx.signal,
        force: ctx.force,
        now: this.now ?? Date.now(),
        thresholds: { activeDays, sleepingDays },
        forgottenDays: this.forgottenDays,
        persistent: !this.noPersist,
        onProgress: (p) => ctx.progress(p),
      });
      await list;
      ctx.asOf(value.fetchedAt);
      this.early = undefined;
      return value;
    },
    needs: ['contact', 'company'],
    isEmpty: (v) => v.clients.length === 0,
  });

  private rowsMemo?: { data: ClientBaseData; days: number; rows: readonly ClientRow[] };
  private controlMemo?: { activities: ClientBaseData['activities']; now: number; rows: ControlRow[] };

  /** The data shown: the last complete load, or the stored classification while the first load runs. */
  private get shown(): ClientBaseData | undefined {
    return this.data.value ?? this.early;
  }

  /** Every client with its class and evidence. */
  get rows(): readonly ClientRow[] {
    const d = this.shown;
    if (!d) return [];
    if (this.rowsMemo?.data === d && this.rowsMemo.days === this.forgottenDays) return this.rowsMemo.rows;
    // Built in slices while loading; rebuilt here only when the forgotten-days setting changed since.
    const rows = d.forgottenDays === this.forgottenDays ? d.rows : dataModule!.clientRows(d.clients, d.result, { now: d.now, timeZone: d.timeZone, forgottenDays: this.forgottenDays });
    this.rowsMemo = { data: d, days: this.forgottenDays, rows };
    return rows;
  }

  /** The rows of the list as filtered now (view, number chosen, search). */
  get visibleRows(): readonly ClientRow[] {
    const q = this.search.trim().toLocaleLowerCase();
    const s = this.segment;
    return this.rows.filter(
      (r) =>
        (this.view !== 'forgotten' || r.forgotten) &&
        (s === 'all' || (s === 'b2b' || s === 'b2c' ? r.type === s : r.class === s)) &&
        (!q || r.name.toLocaleLowerCase().includes(q)),
    );
  }

  /**
   * Manager control rows (every task and activity but comments): of every activity, or, when the
   * load read only the open ones and the deciding dialogs, of the control window's own list.
   */
  get controlRows(): readonly ControlRow[] {
    const d = this.shown;
    if (!d) return [];
    const activities = d.activityScope === 'all' ? d.activities : this.control.value?.activities;
    if (!activities) return [];
    if (this.controlMemo?.activities !== activities || this.controlMemo.now !== d.now) this.controlMemo = { activities, now: d.now, rows: managerControlRows(activities, d.now) };
    const q = this.search.trim().toLocaleLowerCase();
    return q ? this.controlMemo.rows.filter((r) => r.subject.toLocaleLowerCase().includes(q)) : this.controlMemo.rows;
  }

  private name = (id: Id | undefined): string => (id === undefined ? '' : (this.shown?.employees.get(id)?.name ?? id));

  private employee(id: Id | undefined): TemplateResult | typeof nothing {
    if (id === undefined) return nothing;
    const d = this.shown;
    const emp = d?.employees.get(id);
    return html`<crm-employee .employee=${emp} .departments=${d?.departments} name=${emp ? nothing : id} lang=${this.localize.lang}></crm-employee>`;
  }

  private why(e: ClassEvidence): string {
    const t = this.localize.t.evidence;
    const tz = this.shown?.timeZone;
    switch (e.class) {
      case 'active':
      case 'sleeping':
      case 'lost':
        return t.payment(this.localize.date(e.lastPaymentAt, tz), e.daysSincePayment, e.paymentCount);
      case 'requests':
        return t.requests(e.dealCount, e.invoiceCount);
      case 'dialogs':
        return t.dialogs(e.dialogCount, this.localize.date(e.lastDialogAt, tz));
      case 'contacts':
        return t.contacts(e.comms.map((c) => this.localize.t.comms[c]).join(', '));
      case 'no-contacts':
        return t.none;
    }
  }

  private date(at: number | undefined): Date | undefined {
    return at === undefined ? undefined : new Date(at);
  }

  private clientColumns(): DataTableColumn<ClientRow>[] {
    const t = this.localize.t;
    const tz = this.shown?.timeZone;
    const order = new Map<string, number>(CLIENT_CLASSES.map((c, i) => [c, i]));
    const dateCell = (at: number | undefined) => (at === undefined ? '' : this.localize.date(at, tz));
    return [
      { key: 'name', label: t.columns.name, value: (r) => r.name },
      { key: 'type', label: t.columns.type, width: '5rem', value: (r) => (r.type === 'b2b' ? t.b2b : t.b2c) },
      { key: 'class', label: t.columns.class, width: '9rem', value: (r) => t.classes[r.class], sortValue: (r) => order.get(r.class) ?? 0 },
      { key: 'why', label: t.columns.why, value: (r) => this.why(r.evidence), render: (r) => html`<span title=${this.why(r.evidence)}>${this.why(r.evidence)}</span>` },
      { key: 'lastPayment', label: t.columns.lastPayment, width: '8rem', value: (r) => this.date(r.lastPaymentAt), sortValue: (r) => r.lastPaymentAt, render: (r) => dateCell(r.lastPaymentAt) },
      { key: 'lastInteraction', label: t.columns.lastInteraction, width: '8rem', value: (r) => this.date(r.lastInteractionAt), sortValue: (r) => r.lastInteractionAt, render: (r) => dateCell(r.lastInteractionAt) },
      { key: 'modified', label: t.columns.modified, width: '8rem', value: (r) => new Date(r.modifiedAt), sortValue: (r) => r.modifiedAt, render: (r) => dateCell(r.modifiedAt) },
      { key: 'responsible', label: t.columns.responsible, width: '10rem', value: (r) => this.name(r.client.responsibleId), render: (r) => this.employee(r.client.responsibleId) },
    ];
  }

  private controlColumns(): DataTableColumn<ControlRow>[] {
    const t = this.localize.t;
    const tz = this.shown?.timeZone;
    const when = (at: number | undefined) => (at === undefined ? '' : this.localize.dateTime(at, tz));
    const span = (ms: number | undefined) => (ms === undefined ? '' : t.days(Math.floor(ms / 86_400_000)));
    return [
      { key: 'kind', label: t.columns.kind, width: '7rem', value: (r) => t.kinds[r.kind] },
      { key: 'subject', label: t.columns.subject, value: (r) => r.subject },
      { key: 'setBy', label: t.columns.setBy, width: '10rem', value: (r) => this.name(r.setById), render: (r) => this.employee(r.setById) },
      { key: 'setAt', label: t.columns.setAt, width: '9rem', value: (r) => new Date(r.setAt), sortValue: (r) => r.setAt, render: (r) => when(r.setAt) },
      { key: 'responsible', label: t.columns.responsible, width: '10rem', value: (r) => this.name(r.responsibleId), render: (r) => this.employee(r.responsibleId) },
      { key: 'deadline', label: t.columns.deadline, width: '9rem', value: (r) => this.date(r.deadline), sortValue: (r) => r.deadline, render: (r) => when(r.deadline) },
      { key: 'closedBy', label: t.columns.closedBy, width: '10rem', value: (r) => this.name(r.closedById), render: (r) => this.employee(r.closedById) },
      { key: 'closedAt', label: t.columns.closedAt, width: '9rem', value: (r) => this.date(r.closedAt), sortValue: (r) => r.closedAt, render: (r) => when(r.closedAt) },
      { key: 'lag', label: t.columns.lag, width: '7rem', value: (r) => Math.floor(r.lagMs / 86_400_000), sortValue: (r) => r.lagMs, render: (r) => span(r.lagMs) },
      { key: 'late', label: t.columns.late, width: '7rem', value: (r) => (r.lateMs === undefined ? undefined : Math.floor(r.lateMs / 86_400_000)), sortValue: (r) => r.lateMs, render: (r) => span(r.lateMs) },
      { key: 'status', label: t.columns.status, width: '7rem', value: (r) => t.controlStatus[r.status] },
    ];
  }

  /**
   * The current list as CSV or XLSX, exactly as the export buttons save it. XLSX is a promise:
   * its writer is loaded on the first export, so it is not part of the widget's first download.
   */
  exportList(format: 'csv'): string;
  exportList(format: 'xlsx'): Promise<Uint8Array>;
  exportList(format: 'csv' | 'xlsx'): string | Promise<Uint8Array> {
    const tz = this.shown?.timeZone;
    const lang = this.localize.lang;
    const control = this.view === 'control';
    if (format === 'xlsx') {
      const sheet = control
        ? xlsxSheet(this.localize.t.views.control, this.controlRows, this.controlColumns())
        : xlsxSheet(this.localize.t.views[this.view], this.visibleRows, this.clientColumns());
      return xlsxBytes([sheet], { timeZone: tz });
    }
    return control ? toCsv(this.controlRows, this.controlColumns(), { lang, timeZone: tz }) : toCsv(this.visibleRows, this.clientColumns(), { lang, timeZone: tz });
  }

  private async download(format: 'csv' | 'xlsx'): Promise<void> {
    const name = safeFileName(`${this.localize.t.fileName} ${this.localize.t.views[this.view]}`, format);
    if (format === 'csv') downloadBlob(this.exportList('csv'), name, CSV_MIME);
    else downloadBlob(await this.exportList('xlsx'), name, XLSX_MIME);
  }

  private tile(segment: Segment, label: string, count: number): TemplateResult {
    return html`<button
      class="tile"
      type="button"
      data-segment=${segment}
      aria-pressed=${this.segment === segment ? 'true' : 'false'}
      @click=${() => {
        this.segment = this.segment === segment && segment !== 'all' ? 'all' : segment;
      }}
    >
      <span class="n">${this.localize.number(count)}</span><span class="what">${label}</span>
    </button>`;
  }

  private renderSummary(d: ClientBaseData): TemplateResult {
    const t = this.localize.t;
    // From the typed-array columns: no client objects built for the numbers.
    const rows = d.partial ? [] : this.rows;
    const forgotten = this.view !== 'forgotten' ? undefined : d.forgottenFlags && d.forgottenDays === this.forgottenDays ? d.forgottenFlags : Uint8Array.from(rows, (r) => (r.forgotten ? 1 : 0));
    const totals = (dataModule as DataModule).summaryCounts(d.clients, d.result, forgotten);
    const counts = totals.classes;
    const s = d.result.suggestion;
    return html`<div class="summary" part="summary">
        <div class="group" role="group" aria-label=${t.all}>
          ${this.tile('all', t.all, totals.total)} ${this.tile('b2b', t.b2b, totals.b2b)} ${this.tile('b2c', t.b2c, totals.b2c)}
        </div>
        <div class="group" role="group" aria-label=${t.withPayments}>${PAYMENT_CLASSES.map((c) => this.tile(c, t.classes[c], counts[c]))}</div>
        <div class="group" role="group" aria-label=${t.withoutPayments}>${NO_PAYMENT_CLASSES.map((c) => this.tile(c, t.classes[c], counts[c]))}</div>
      </div>
      <p class="hint">
        ${this.view === 'forgotten' ? t.forgottenHint(this.forgottenDays) : t.thresholds(d.result.thresholds.activeDays, d.result.thresholds.sleepingDays)}
        ${s && this.view !== 'forgotten' ? html`<br />${t.suggestion(s.activeDays, s.sleepingDays, this.localize.number(s.gapCount))}` : nothing}
      </p>`;
  }

  private renderComplete(d: ClientBaseData): TemplateResult {
    const t = this.localize.t;
    const core = this.localize.core;
    const control = this.view === 'control';
    const ctrl = this.data as unknown as CrmDataController<unknown, readonly unknown[]>;
    // The stored classification (warm start): its own "data as of" (the cached lists' fetch
    // time) and Refresh; its list follows one frame after the numbers; manager control needs
    // the activities, so it shows the load's progress until they are read.
    const early = d.stored === true;
    const status: StateViewController = early
      ? { progress: ctrl.progress, timeLeftMs: ctrl.timeLeftMs, stale: false, asOf: d.fetchedAt, cancel: () => ctrl.cancel(), retry: () => ctrl.retry(), refresh: (force) => ctrl.refresh(force) }
      : ctrl;
    if (early && control) return html`${renderStatusBar(this.localize, status)}${renderProgress(this.localize, ctrl)}`;
    if (control && d.activityScope !== 'all' && this.control.status !== 'complete') {
      const c = this.control;
      const body =
        c.status === 'error' && c.error
          ? renderError(this.localize, c.error, () => c.retry())
          : c.status === 'cancelled'
            ? renderCancelled(this.localize, () => c.retry())
            : renderProgress(this.localize, c);
      return html`${renderStatusBar(this.localize, status)}${body}`;
    }
    // Only the numbers so far (the list's columns are being read): no list, search or export yet.
    if (d.partial) return html`${renderStatusBar(this.localize, status)}${d.clients.length === 0 ? renderEmpty(this.localize) : this.renderSummary(d)}`;
    return html`
      ${renderStatusBar(this.localize, status)}
      ${d.clients.length === 0 ? renderEmpty(this.localize) : nothing}
      ${control || d.clients.length === 0 ? nothing : this.renderSummary(d)}
      <div part="toolbar">
        <label class="field"
          >${control ? core.search : t.searchName}
          <input
            type="search"
            .value=${this.search}
            @input=${(e: Event) => {
              this.search = (e.target as HTMLInputElement).value;
            }}
        /></label>
        <button class="crm-button" type="button" data-export="csv" @click=${() => void this.download('csv')}>${core.exportCsv}</button>
        <button class="crm-button" type="button" data-export="xlsx" @click=${() => void this.download('xlsx')}>${core.exportXlsx}</button>
      </div>
      ${control && d.activityScope !== 'all' && this.control.value
        ? html`<p class="hint" part="control-window">${t.controlWindow(this.localize.date(this.control.value.from, 'UTC'))}</p>`
        : nothing}
      ${control
        ? html`<crm-data-table
            lang=${this.localize.lang}
            exportparts="table,row,header"
            .label=${t.views.control}
            .columns=${this.controlColumns()}
            .rows=${this.controlRows}
            .sort=${{ key: 'setAt', direction: 'desc' }}
            @crm-row-activate=${(e: CrmRowActivateEvent<ControlRow>) => {
              e.stopPropagation();
              openRecord(this, { kind: 'activity', id: e.row.id, ...(e.row.url ? { url: e.row.url } : {}) });
            }}
          ></crm-data-table>`
        : d.clients.length === 0 || (early && !this.earlyPainted)
          ? nothing
          : html`<crm-data-table
              lang=${this.localize.lang}
              exportparts="table,row,header"
              .label=${t.views[this.view]}
              .columns=${this.clientColumns()}
              .rows=${this.visibleRows}
              .sort=${this.view === 'forgotten' ? { key: 'lastInteraction', direction: 'asc' } : { key: 'modified', direction: 'desc' }}
              .emptyText=${core.nothingMatches}
              @crm-row-activate=${(e: CrmRowActivateEvent<ClientRow>) => {
                e.stopPropagation();
                const c = e.row.client;
                openRecord(this, { kind: c.ref.kind, id: c.ref.id, ...(c.url ? { url: c.url } : {}) });
              }}
            ></crm-data-table>`}
    `;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Fetched and compiled while the first render runs and the adapter answers.
    loadDataModule().catch(() => undefined);
    // The first number and date formatters start ICU (~30 ms in a new renderer process): made
    // while the data module and the cache are awaited, not in the first meaningful paint.
    setTimeout(() => {
      this.localize.number(0);
      this.localize.dateTime(0);
    });
  }

  protected override render(): TemplateResult {
    const t = this.localize.t;
    return html`<div class="wrap" role="region" aria-label=${t.label}>
      <div part="header">
        <h2>${t.label}</h2>
        <div class="views" role="group" aria-label=${t.viewsLabel}>
          ${CLIENT_BASE_VIEWS.map(
            (v) => html`<button
              class="crm-button"
              type="button"
              data-view=${v}
              aria-pressed=${this.view === v ? 'true' : 'false'}
              @click=${() => {
                this.view = v;
              }}
            >
              ${t.views[v]}
            </button>`,
          )}
        </div>
      </div>
      ${this.early && this.data.value === undefined && this.data.status === 'loading'
        ? this.renderComplete(this.early)
        : this.data.render({
            ...stateRenderers(this.localize, this.data as unknown as CrmDataController<unknown, readonly unknown[]>),
            complete: (d) => this.renderComplete(d),
          })}
    </div>`;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const d = this.data.value;
    // Manager control's own list, the first time the view is shown for this load.
    if (this.view === 'control' && d && d.activityScope !== 'all' && this.data.status === 'complete') this.control.ensure(d, this.lastLoadForced);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const d = this.shown;
    if (!d || !this.shadowRoot?.querySelector('[part="summary"], [part="empty"]')) return;
    if (!this.firstPaintMarked) {
      // The first meaningful paint (totals, classes, "data as of"): a mark for benchmarks.
      this.firstPaintMarked = true;
      performance.mark('crm-client-base:first-meaningful-paint', { detail: { stored: d.stored === true } });
    }
    if (d.stored && !this.earlyPainted) {
      // The list (sorting 50,000 rows) after the numbers are on screen; a hidden page paints
      // no frames, so it does not wait for one longer than 100 ms.
      void Promise.all([afterPaint(), loadListModules()]).then(
        () => (this.earlyPainted = true),
        () => undefined, // the load reports it
      );
    }
  }
}
