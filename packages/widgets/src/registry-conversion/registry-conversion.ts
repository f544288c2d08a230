import { cssProps } from '@crmkit/core';
import {
  CrmDataController,
  CrmDrillDownEvent,
  CrmElement,
  CSV_MIME,
  renderError,
  toCrmError,
  downloadBlob,
  LocalizeController,
  openRecord,
  renderEmpty,
  renderStatusBar,
  safeFileName,
  stateRenderers,
  stateStyles,
  downloadXlsx,
  tryDecodeView,
  xlsxSheet,
  type CellMetric,
  type DeepPartial,
  type Deal,
  type ExportColumn,
  type FieldCondition,
  type PivotMetrics,
  type PivotResult,
  type PivotRow,
  type RegistryLabels,
  type RegistryTable,
} from '@crmkit/core';
import { rangeOfDays, resolveDatePreset, type DateRange } from '@crmkit/core/ui/date-presets.js';
import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { RegistryChartController } from './registry-chart.js';
import { loadRegistryData, type RegistryData } from './registry-data.js';
import { registryConversionStrings, type RegistryConversionStrings } from './registry-conversion.strings.js';
import { registryConversionStyles } from './registry-conversion.styles.js';
import { containerFitStyles } from '../container-fit.styles.js';
import { settledAfter } from '../computation-settled.js';

/** The rules, set by the first load (before any data exists to compute on). */
let rules!: typeof import('./registry-rules.js');

/** Period presets offered; `custom` reads the from–to inputs. */
export const REGISTRY_PERIOD_PRESETS = ['thisMonth', 'lastMonth', 'next3Months', 'thisQuarter', 'thisYear', 'all', 'custom'] as const;
export type RegistryPeriodPreset = (typeof REGISTRY_PERIOD_PRESETS)[number];

/** At most three grouping levels. */
export const MAX_LEVELS = 3;

const listConverter = {
  fromAttribute: (v: string | null): string[] =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .slice(0, MAX_LEVELS),
  toAttribute: (v: readonly string[]): string => v.join(','),
};

interface Computed {
  readonly table: RegistryTable;
  readonly levels: readonly string[];
  readonly pivot: PivotResult;
  readonly range: DateRange | undefined;
  readonly pace: number | undefined;
  readonly sellers: PivotResult;
}

interface Drill {
  readonly title: string;
  readonly deals: readonly Deal[];
}

/** Shown while the pivot is computed (first time for this data): the standard progress, without a cancel (nothing to cancel but a computation). */
function renderComputing(loc: LocalizeController<RegistryConversionStrings>): TemplateResult {
  return html`<div class="crm-state" part="loading" role="status" aria-live="polite">
    <span>${loc.core.loading}</span>
    <progress class="crm-progress" aria-label=${loc.core.progress}></progress>
  </div>`;
}

type NumericColumn = { key: CellMetric; label: string; value: (m: PivotMetrics) => number };

/**
 * The registry-conversion table of an insurer: deals loaded for calling (*реестры*) grouped by
 * up to three of registry type, seller, product, branch, channel or any other field, with
 * subtotals and a total, for a period chosen by any date or period field (*Период* = April, not
 * only the creation date). Columns: loaded; first-call coverage against the norm (90 %) and goal
 * (100 %) with the pace for today; in work; won; lost; conversion of deals created in the period
 * and overall, each with its denominator; sales by kind (new, cross-sale, prolongation — a
 * renewal is not growth), with disagreements between the registry type and the product history;
 * LTV per client and new-product LTV; sales by product. Every number drills down to its deals.
 *
 * @summary Registry conversion pivot with coverage, conversions, sale kinds, LTV and drill-down.
 * @csspart header - Title and data status.
 * @csspart controls - Grouping, period field and period.
 * @csspart table - The pivot table (scrolls sideways on narrow screens).
 * @csspart drill - The list of deals behind a clicked number.
 * @csspart chart - The coverage and conversion chart.
 * @csspart empty - Shown when the period has no deals.
 * @csspart error - Shown when loading failed.
 * @csspart loading - Progress while loading.
 * @csspart status - The "data as of" line with the refresh button.
 * @cssprop [--crm-registry-norm-color=var(--crm-color-danger)] - The norm marker on coverage bars.
 * @cssprop [--crm-registry-chart-height=320px] - Height of the chart.
 * @cssstate loading - Data is loading.
 * @cssstate error - The last load failed.
 * @cssstate stale - Shown data is being refreshed.
 * @cssstate empty - The CRM has no deals.
 * @fires {CrmDrillDownEvent} crm-drill-down - A number was activated; cancel to show its deals your way.
 * @fires {CrmRecordOpenEvent} crm-record-open - A deal is to be opened; cancel to open it your way.
 */
export class CrmRegistryConversion extends CrmElement {
  static override styles = [...CrmElement.styles, stateStyles, containerFitStyles, registryConversionStyles];

  /** Grouping levels, outermost first (`fields.UF_CRM_REGISTRY_TYPE,responsibleId`); default registry type then seller. */
  @property({ attribute: 'group-by', converter: listConverter }) groupBy: string[] = [];

  /** Field choosing the period: `createdAt`, `closedAt`, or a custom field code; default the *Период* field. */
  @property({ attribute: 'period-field' }) periodField = '';

  /** A preset (`thisMonth`, `next3Months`…) or `custom` with `from`/`to`. */
  @property() period: RegistryPeriodPreset = 'thisMonth';

  /** Custom period, inclusive days `YYYY-MM-DD`. */
  @property() from = '';
  /** End of the custom period (inclusive), `YYYY-MM-DD`. */
  @property() to = '';

  /** A filter view string (`encodeView`) restricting the deals. */
  @property() view = '';

  /** The instant presets and the pace are computed at; default now. For demos and tests. */
  @property({ attribute: false }) now?: number;

  /** Overrides of this widget's strings (deep-merged over the language's dictionary). */
  @property({ attribute: false }) strings?: DeepPartial<RegistryConversionStrings>;

  @state() private drill?: Drill;
  @state() private chartOpen = false;

  private readonly localize = new LocalizeController<RegistryConversionStrings>(this, registryConversionStrings, () => this.strings);
  private readonly chart = new RegistryChartController(this);
  /** When the data was loaded: the default `now` (a stable instant, so the pivot is not recomputed on every render). */
  private loadedAt = Date.now();

  /**
   * The pivot, computed off the render path: in the compute worker (`deals.registryCompute`),
   * or on the main thread where no worker is available. Rerun when the data or a
   * control changes; the progress state shows meanwhile.
   */
  private readonly computation = new Task(this, {
    task: async (args: readonly unknown[], { signal }) => {
      const d = args[0] as RegistryData | undefined;
      return d && rules ? this.compute(d, signal) : undefined;
    },
    args: () => this.computeArgs(),
  });

  private readonly data = new CrmDataController<RegistryData, readonly []>(this, {
    args: () => [],
    needs: ['deal', 'funnel'],
    // The rules are imported with the data: they are only needed once it is there.
    load: async (ctx) => {
      const [data, r] = await Promise.all([loadRegistryData(ctx), import('./registry-rules.js')]);
      rules = r;
      this.loadedAt = Date.now();
      return data;
    },
    isEmpty: (d) => d.deals.length === 0,
  });

  private labels(): RegistryLabels {
    const t = this.localize.t;
    return { empty: t.notSet, dimensions: t.dimensions, kinds: t.kinds, yes: t.yes, no: t.no };
  }

  /** The grouping in force: the property, else registry type (when the portal has it) then seller. */
  effectiveLevels(d: RegistryData): string[] {
    const known = new Set(rules.registryDimensions(d.fieldDefinitions).map((x) => x.key));
    const chosen = this.groupBy.filter((k) => known.has(k)).slice(0, MAX_LEVELS);
    if (chosen.length) return chosen;
    const kindField = rules.findKindField(d.fieldDefinitions);
    return kindField ? [`fields.${kindField.code}`, 'responsibleId'] : ['kind', 'responsibleId'];
  }

  effectivePeriodField(d: RegistryData): string {
    const options = rules.registryPeriodFields(d.fieldDefinitions).map((x) => x.key);
    if (this.periodField && options.includes(this.periodField)) return this.periodField;
    return rules.findPeriodField(d.fieldDefinitions)?.code ?? 'createdAt';
  }

  private range(d: RegistryData, now: number): DateRange | undefined {
    if (this.period === 'custom') return rangeOfDays(this.from || undefined, this.to || undefined, d.timeZone);
    if (this.period === 'all') return undefined;
    return resolveDatePreset(this.period, now, d.timeZone) ?? resolveDatePreset('thisMonth', now, d.timeZone);
  }

  private conditions(): { conditions: readonly FieldCondition[]; bad: boolean } {
    if (!this.view) return { conditions: [], bad: false };
    const r = tryDecodeView(this.view);
    return 'view' in r ? { conditions: r.view.conditions, bad: false } : { conditions: [], bad: true };
  }

  private get evalNow(): number {
    return this.now ?? this.loadedAt;
  }

  /** What the pivot depends on; the computation reruns when one of them changes. */
  private computeArgs(): unknown[] {
    const d = this.data.value;
    if (!d || !rules) return [undefined];
    return [d, this.effectiveLevels(d).join(','), this.effectivePeriodField(d), this.period, this.from, this.to, this.view, this.evalNow, this.localize.lang];
  }

  private async compute(d: RegistryData, signal: AbortSignal): Promise<Computed> {
    const now = this.evalNow;
    const levels = this.effectiveLevels(d);
    const periodField = this.effectivePeriodField(d);
    const range = this.range(d, now);
    const { conditions } = this.conditions();
    const dims = [...levels, 'responsibleId'];
    // The field filter runs here, in slices (a function cannot go to the worker); the worker gets the ids it keeps.
    const includeIds = conditions.length ? await rules.runStepsSliced(this.filterSteps(d, conditions, now), { signal }) : undefined;
    const out = await rules.runInWorker(
      rules.registryComputeTask,
      {
        deals: d.deals,
        funnels: d.funnels,
        fieldDefinitions: d.fieldDefinitions,
        employees: d.employees,
        departments: d.departments,
        products: d.products,
        payments: d.payments,
        periodField,
        ...(range ? { period: range } : {}),
        dimensions: dims,
        timeZone: d.timeZone,
        labels: this.labels(),
        ...(includeIds ? { includeIds } : {}),
        levels: levels.map((_, i) => i),
        extraPivots: [[levels.length]],
      },
      { signal },
    );
    const pace = range ? rules.coveragePace(range, now, d.timeZone, rules.COVERAGE_GOAL) : undefined;
    return { table: out.table, levels, pivot: out.pivot, range, pace, sellers: out.extra[0] as PivotResult };
  }

  /** Ids of the deals the filter view keeps, a few hundred deals per step. */
  private *filterSteps(d: RegistryData, conditions: readonly FieldCondition[], now: number): Generator<void, string[], void> {
    const fields = rules.dealFilterFields({ fieldDefinitions: d.fieldDefinitions, funnels: d.funnels, employees: d.employees });
    const ids: string[] = [];
    for (let i = 0; i < d.deals.length; i++) {
      const deal = d.deals[i] as Deal;
      if (rules.matchesConditions(deal, conditions, { fields, now, timeZone: d.timeZone })) ids.push(deal.id);
      if (i % 200 === 199) yield;
    }
    return ids;
  }

  /** Resolves once the shown pivot is current (after the computation a change started). */
  protected override getUpdateComplete(): Promise<boolean> {
    return settledAfter(() => super.getUpdateComplete(), this.computation);
  }

  override render(): unknown {
    const t = this.localize.t;
    return html`<div class="header" part="header">
        <h2>${t.title}</h2>
        ${this.data.value ? renderStatusBar(this.localize, this.data as never) : nothing}
      </div>
      ${this.data.render({ ...stateRenderers(this.localize, this.data as never), complete: (d) => this.renderData(d) })}`;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const d = this.data.value;
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('canvas');
    if (!d || !this.chartOpen || !canvas) {
      if (!this.chartOpen) this.chart.destroy();
      return;
    }
    const c = this.computation.value;
    if (!c) return;
    const t = this.localize.t;
    const bars = c.sellers.rows.map((r) => ({ label: r.labels[0] ?? '', coverage: rules.coverage(r.metrics), conversion: rules.conversionOverall(r.metrics) }));
    void this.chart.show(canvas, bars, { coverage: t.coverage, conversion: t.convOverall, norm: '' }, (n) => this.localize.percent(n));
  }

  private renderData(d: RegistryData): TemplateResult {
    const t = this.localize.t;
    const c = this.computation.value;
    if (this.computation.status === TaskStatus.ERROR) return renderError(this.localize, toCrmError(this.computation.error), () => void this.computation.run());
    if (!c) return renderComputing(this.localize);
    const { conditions, bad } = this.conditions();
    return html`${this.renderControls(d, c)} ${bad ? html`<p class="legend" role="alert">${t.badView}</p>` : nothing}
      ${conditions.length ? this.renderConditions(d, conditions) : nothing}
      <p class="legend">
        ${t.coverageHint(this.localize.percent(rules.COVERAGE_NORM), this.localize.percent(rules.COVERAGE_GOAL))}
        ${c.pace !== undefined ? html` ${t.pace(this.localize.percent(c.pace))}` : nothing}
      </p>
      ${c.table.n === 0 ? renderEmpty(this.localize, t.noDeals) : this.renderTable(c)} ${this.drill ? this.renderDrill(this.drill) : nothing}
      <button class="crm-button" type="button" aria-expanded=${String(this.chartOpen)} @click=${() => (this.chartOpen = !this.chartOpen)}>
        ${this.chartOpen ? t.hideChart : t.showChart}
      </button>
      ${this.chartOpen
        ? html`<figure class="chart" part="chart">
            ${this.chart.failed ? html`<p role="alert">${t.chartFailed}</p>` : html`<canvas role="img" aria-label=${t.chartTitle}></canvas>`}
          </figure>`
        : nothing}`;
  }

  private renderControls(d: RegistryData, c: Computed): TemplateResult {
    const t = this.localize.t;
    const dims = rules.registryDimensions(d.fieldDefinitions, this.labels());
    const periodFields = rules.registryPeriodFields(d.fieldDefinitions, t.dateFields);
    const currentField = this.effectivePeriodField(d);
    const setLevel = (i: number, key: string) => {
      const next = [...c.levels];
      if (key) next[i] = key;
      else next.length = i;
      this.groupBy = next.filter(Boolean).slice(0, MAX_LEVELS);
      this.drill = undefined;
    };
    return html`<div class="controls" part="controls">
      <fieldset>
        <legend>${t.grouping}</legend>
        ${[0, 1, 2].map(
          (i) => html`<label
            >${t.level(i + 1)}
            <select ?disabled=${i > c.levels.length} @change=${(e: Event) => setLevel(i, (e.target as HTMLSelectElement).value)}>
              ${i > 0 ? html`<option value="" ?selected=${!c.levels[i]}>${t.none}</option>` : nothing}
              ${dims.map((x) => html`<option value=${x.key} ?selected=${c.levels[i] === x.key}>${x.label}</option>`)}
            </select></label
          >`,
        )}
      </fieldset>
      <label
        >${t.periodField}
        <select
          @change=${(e: Event) => {
            this.periodField = (e.target as HTMLSelectElement).value;
            this.drill = undefined;
          }}
        >
          ${periodFields.map((x) => html`<option value=${x.key} ?selected=${x.key === currentField}>${x.label}</option>`)}
        </select></label
      >
      <label
        >${t.period}
        <select
          @change=${(e: Event) => {
            this.period = (e.target as HTMLSelectElement).value as RegistryPeriodPreset;
            this.drill = undefined;
          }}
        >
          ${REGISTRY_PERIOD_PRESETS.map((p) => html`<option value=${p} ?selected=${this.period === p}>${t.presets[p]}</option>`)}
        </select></label
      >
      ${this.period === 'custom'
        ? html`<label>${t.from}<input type="date" .value=${this.from} @change=${(e: Event) => (this.from = (e.target as HTMLInputElement).value)} /></label>
            <label>${t.to}<input type="date" .value=${this.to} @change=${(e: Event) => (this.to = (e.target as HTMLInputElement).value)} /></label>`
        : nothing}
      <button class="crm-button" type="button" @click=${() => this.exportAs('csv', c)}>${this.localize.core.exportCsv}</button>
      <button class="crm-button" type="button" @click=${() => this.exportAs('xlsx', c)}>${this.localize.core.exportXlsx}</button>
    </div>`;
  }

  private renderConditions(d: RegistryData, conditions: readonly FieldCondition[]): TemplateResult {
    const t = this.localize.t;
    const fields = rules.dealFilterFields({ fieldDefinitions: d.fieldDefinitions, funnels: d.funnels, employees: d.employees });
    return html`<div class="chip-row" role="group" aria-label=${t.filterActive(conditions.length)}>
      <span>${t.filterActive(conditions.length)}</span>
      ${conditions.map((cond) => {
        const f = rules.findField(fields, cond.field.code, cond.field.label);
        const values = cond.options?.map((o) => rules.optionLabel(f, o)).join(', ') ?? cond.text ?? '';
        return html`<span class="chip">${f?.label ?? cond.field.label ?? cond.field.code}: ${values}</span>`;
      })}
      <button class="crm-button" type="button" @click=${() => (this.view = '')}>${t.clearFilter}</button>
    </div>`;
  }

  private countColumns(): NumericColumn[] {
    const t = this.localize.t;
    return [
      { key: 'loaded', label: t.loaded, value: (m) => m.loaded },
      { key: 'stillNew', label: t.stillNew, value: (m) => m.stillNew },
      { key: 'inWork', label: t.inWork, value: (m) => m.inWork },
      { key: 'won', label: t.won, value: (m) => m.won },
      { key: 'lost', label: t.lost, value: (m) => m.lost },
    ];
  }

  private kindColumns(): NumericColumn[] {
    const t = this.localize.t;
    return [
      { key: 'newSales', label: t.newSales, value: (m) => m.newSales },
      { key: 'crossSales', label: t.crossSales, value: (m) => m.crossSales },
      { key: 'prolongations', label: t.prolongations, value: (m) => m.prolongations },
      { key: 'disagreements', label: t.disagreements, value: (m) => m.disagreements },
    ];
  }

  private renderTable(c: Computed): TemplateResult {
    const t = this.localize.t;
    const flat: PivotRow[] = [];
    const walk = (rows: readonly PivotRow[]) => {
      for (const r of rows) {
        flat.push(r);
        walk(r.children);
      }
    };
    walk(c.pivot.rows);
    const head = c.levels.map((k) => c.table.dims[c.levels.indexOf(k)]?.label ?? k).join(' / ');
    return html`<div class="scroll" part="table" tabindex="0" role="region" aria-label=${t.title}>
      <table>
        <thead>
          <tr>
            <th scope="col">${head}</th>
            <th scope="col">${t.loaded}</th>
            <th scope="col">${t.coverage}</th>
            ${this.countColumns()
              .slice(1)
              .map((col) => html`<th scope="col">${col.label}</th>`)}
            <th scope="col">${t.convCreated}</th>
            <th scope="col">${t.convOverall}</th>
            <th scope="col">${t.wonSum}</th>
            ${this.kindColumns().map((col) => html`<th scope="col" title=${col.key === 'disagreements' ? t.disagreementsHint : nothing}>${col.label}</th>`)}
            <th scope="col">${t.clients}</th>
            <th scope="col">${t.ltv}</th>
            <th scope="col">${t.newLtv}</th>
            <th scope="col">${t.products}</th>
          </tr>
        </thead>
        <tbody>
          ${flat.map((r) => this.renderRow(c, r, r.labels[r.labels.length - 1] ?? '', r.labels.join(' / ')))}
        </tbody>
        <tfoot>
          ${this.renderRow(c, { level: 0, codes: [], keys: [], labels: [], metrics: c.pivot.total, children: [] }, t.total, t.total)}
        </tfoot>
      </table>
    </div>`;
  }

  private renderRow(c: Computed, r: PivotRow, label: string, fullLabel: string): TemplateResult {
    const t = this.localize.t;
    const m = r.metrics;
    const pct = (x: number) => this.localize.percent(x, 1);
    const num = (x: number) => this.localize.number(x);
    const cell = (metric: CellMetric, column: string, value: number, text = num(value)): TemplateResult =>
      value > 0
        ? html`<button class="cell" type="button" aria-label=${t.drillCell(column, fullLabel, text)} @click=${() => this.openDrill(c, r, metric, column, fullLabel)}>
            ${text}
          </button>`
        : html`${text}`;
    const cov = rules.coverage(m);
    const below = m.loaded > 0 && cov < rules.COVERAGE_NORM;
    const cc = rules.conversionCreated(m);
    const co = rules.conversionOverall(m);
    return html`<tr data-level=${r.level}>
      <th scope="row" title=${fullLabel}>${label}</th>
      <td>${cell('loaded', t.loaded, m.loaded)}</td>
      <td>
        ${cell('leftFirst', t.coverage, m.leftFirst, pct(cov))} <span class="den">${t.of(num(m.leftFirst), num(m.loaded))}</span>
        ${below ? html`<span class="visually-hidden">${t.belowNorm}</span>` : nothing}
        <span class="bar" aria-hidden="true" ?data-below=${below}>
          <span ${cssProps({ inlineSize: `${Math.round(cov * 100)}%` })}></span>
          <i ${cssProps({ insetInlineStart: `${rules.COVERAGE_NORM * 100}%` })}></i>
          ${c.pace !== undefined ? html`<i class="pace" ${cssProps({ insetInlineStart: `${Math.min(100, c.pace * 100)}%` })}></i>` : nothing}
        </span>
      </td>
      ${this.countColumns()
        .slice(1)
        .map((col) => html`<td>${cell(col.key, col.label, col.value(m))}</td>`)}
      <td>${cell('createdWon', t.convCreated, m.createdWon, pct(cc))} <span class="den">${t.of(num(m.createdWon), num(m.created))}</span></td>
      <td>${cell('won', t.convOverall, m.won, pct(co))} <span class="den">${t.of(num(m.won), num(m.loaded))}</span></td>
      <td>${this.localize.money(m.wonSum)}</td>
      ${this.kindColumns().map((col) => html`<td>${cell(col.key, col.label, col.value(m))}</td>`)}
      <td>${num(m.clients)}</td>
      <td>${this.localize.money(rules.ltvPerClient(m))}</td>
      <td>${this.localize.money(rules.ltvPerClient(m, true))}</td>
      <td>
        <div class="products">
          ${m.products.map((p) => cell(`product:${p.key}`, t.products, p.count, t.productCell(p.label, p.count, this.localize.money(p.sum))))}
        </div>
      </td>
    </tr>`;
  }

  private openDrill(c: Computed, r: PivotRow, metric: CellMetric, column: string, group: string): void {
    const ids = rules.registryCellDeals(c.table, c.levels.map((_, i) => i), r.codes, metric);
    const event = new CrmDrillDownEvent({ key: `registry.${metric}`, entity: 'deal', filter: [{ field: 'id', op: 'in', value: ids }], count: ids.length });
    if (!this.dispatchEvent(event)) return;
    const byId = new Map((this.data.value?.deals ?? []).map((d) => [d.id, d]));
    this.drill = { title: this.localize.t.drillTitle(column, group, ids.length), deals: ids.map((id) => byId.get(id)).filter((d): d is Deal => d !== undefined) };
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.drill h3')?.focus());
  }

  private renderDrill(drill: Drill): TemplateResult {
    const t = this.localize.t;
    return html`<section class="drill" part="drill" aria-label=${drill.title}>
      <div class="drill-head">
        <h3 tabindex="-1">${drill.title}</h3>
        <button class="crm-button" type="button" @click=${() => (this.drill = undefined)}>${t.closeDrill}</button>
      </div>
      <ul>
        ${drill.deals.slice(0, 500).map(
          (deal) => html`<li>
            <button class="link" type="button" aria-label=${t.openDeal(deal.title)} @click=${() => openRecord(this, { kind: 'deal', id: deal.id, ...(deal.url ? { url: deal.url } : {}) })}>
              ${deal.title}
            </button>
          </li>`,
        )}
      </ul>
    </section>`;
  }

  /** Export: one row per group (and the total), with numerators and denominators, and sales per product. */
  private exportAs(kind: 'csv' | 'xlsx', c: Computed): void {
    const t = this.localize.t;
    type Row = { labels: readonly string[]; m: PivotMetrics };
    const rows: Row[] = [];
    const walk = (list: readonly PivotRow[]) => {
      for (const r of list) {
        rows.push({ labels: r.labels, m: r.metrics });
        walk(r.children);
      }
    };
    walk(c.pivot.rows);
    rows.push({ labels: [t.total], m: c.pivot.total });
    const products = c.pivot.total.products;
    const columns: ExportColumn<Row>[] = [
      ...c.levels.map((k, i) => ({ label: c.table.dims[i]?.label ?? k, value: (r: Row) => r.labels[i] ?? '' })),
      { label: t.loaded, value: (r) => r.m.loaded },
      { label: t.coverage, value: (r) => rules.coverage(r.m) },
      { label: t.numerator(t.coverage), value: (r) => r.m.leftFirst },
      { label: t.denominator(t.coverage), value: (r) => r.m.loaded },
      { label: t.stillNew, value: (r) => r.m.stillNew },
      { label: t.inWork, value: (r) => r.m.inWork },
      { label: t.won, value: (r) => r.m.won },
      { label: t.lost, value: (r) => r.m.lost },
      { label: t.convCreated, value: (r) => rules.conversionCreated(r.m) },
      { label: t.numerator(t.convCreated), value: (r) => r.m.createdWon },
      { label: t.denominator(t.convCreated), value: (r) => r.m.created },
      { label: t.convOverall, value: (r) => rules.conversionOverall(r.m) },
      { label: t.numerator(t.convOverall), value: (r) => r.m.won },
      { label: t.denominator(t.convOverall), value: (r) => r.m.loaded },
      { label: t.wonSum, value: (r) => r.m.wonSum },
      { label: t.newSales, value: (r) => r.m.newSales },
      { label: t.crossSales, value: (r) => r.m.crossSales },
      { label: t.prolongations, value: (r) => r.m.prolongations },
      { label: t.disagreements, value: (r) => r.m.disagreements },
      { label: t.clients, value: (r) => r.m.clients },
      { label: t.ltv, value: (r) => rules.ltvPerClient(r.m) },
      { label: t.newLtv, value: (r) => rules.ltvPerClient(r.m, true) },
      ...products.flatMap((p) => [
        { label: `${p.label}: ${t.won}`, value: (r: Row) => r.m.products.find((x) => x.key === p.key)?.count ?? 0 },
        { label: `${p.label}: ${t.wonSum}`, value: (r: Row) => r.m.products.find((x) => x.key === p.key)?.sum ?? 0 },
      ]),
    ];
    const tz = this.data.value?.timeZone;
    if (kind === 'csv') downloadBlob(rules.toCsv(rows, columns, { lang: this.localize.lang, ...(tz ? { timeZone: tz } : {}) }), safeFileName(t.exportName, 'csv'), CSV_MIME);
    else void downloadXlsx([xlsxSheet(t.exportName, rows, columns)], safeFileName(t.exportName, 'xlsx'), tz ? { timeZone: tz } : {});
  }
}
