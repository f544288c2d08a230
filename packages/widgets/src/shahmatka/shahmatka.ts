import { cssProps } from '@crmkit/core';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import { Task } from '@lit/task';
import {
  APARTMENT_STATUSES,
  CrmDataController,
  CrmElement,
  CSV_MIME,
  DEFAULT_HOLD_WORKING_DAYS,
  FINISHINGS,
  HEATMAP_MODES,
  LocalizeController,
  ROOMS_OR_MORE,
  UNIT_TYPES,
  canHold,
  canRelease,
  countdown,
  downloadBlob,
  heatLevel,
  heatValue,
  holdExpiresAt,
  isEmptyRequest,
  layoutBuilding,
  matchesRequest,
  pricePerM2,
  rankMatches,
  renderEmpty,
  safeFileName,
  safeImageUrl,
  safeLinkUrl,
  sectionUnits,
  renderStatusBar,
  stateRenderers,
  stateStyles,
  statusCounts,
  toCsv,
  downloadXlsx,
  unitTotals,
  xlsxSheet,
  type Apartment,
  type ApartmentRequest,
  type ApartmentStatus,
  type BuildingLayout,
  type DeepPartial,
  type ExportColumn,
  type Finishing,
  type HeatmapMode,
  type UnitPlacement,
  type UnitType,
  type WorkingCalendar,
} from '@crmkit/core';
import { CrmApartmentHoldEvent, CrmApartmentReleaseEvent, CrmApartmentSelectEvent } from '../events/shahmatka.js';
import { PriceChartController } from './price-chart.js';
import { holdApartment, loadPriceHistory, loadShahmatka, releaseApartment, type ShahmatkaData, type WriteOutcome } from './shahmatka-data.js';
import { en, ru, type ShahmatkaStrings } from './shahmatka.strings.js';
import { shahmatkaStyles } from './shahmatka.styles.js';
import { containerFitStyles } from '../container-fit.styles.js';

export const PRICE_MODES = ['price', 'per-m2'] as const;
export type PriceMode = (typeof PRICE_MODES)[number];
export const SHAHMATKA_VIEWS = ['auto', 'grid', 'list'] as const;
export type ShahmatkaView = (typeof SHAHMATKA_VIEWS)[number];

/** Below this width (px) the `auto` view shows a per-section list instead of the grid. */
const NARROW_PX = 640;
/** Floors one Page Up / Page Down moves. */
const PAGE_FLOORS = 5;
const HEAT_LEVELS = 5;

interface Prepared {
  readonly layout: BuildingLayout;
  readonly all: readonly Apartment[];
  readonly matching: ReadonlySet<string>;
  readonly heat: ReadonlyMap<string, number>;
  readonly heatRange?: readonly [number, number];
}

type Message = { readonly kind: 'info' | 'error'; readonly text: string };

/**
 * The шахматка: a building's chessboard of apartments. Sections stand side by side, floors are
 * rows (top first), each cell shows number, rooms, area, price (or price per m²) and status by
 * colour, pattern and text. A client's request dims what does not fit and ranks the best
 * fits; heatmaps colour by price per m² or days on sale. Selecting a cell opens its card with
 * the layout, status as of, price history and booking with a countdown; booking and release
 * go through the adapter after re-reading the apartment.
 *
 * @summary Apartments of a building by floor and section, with filters, heatmaps, a card and booking.
 *
 * @csspart toolbar - Project/building switchers, display switches and export.
 * @csspart filters - The client's request form.
 * @csspart legend - Status or heatmap legend with counts.
 * @csspart table - The grid (`<table role="grid">`).
 * @csspart card - The selected unit's card.
 * @csspart best-fits - The ranked list of best fits.
 * @csspart list - The per-section list (narrow view).
 * @csspart loading - Progress while loading.
 * @csspart error - Shown when loading failed.
 * @csspart empty - Shown when there is nothing to show (no units, or none match).
 * @csspart status - The "data as of" line with the refresh button.
 *
 * @cssprop [--crm-shahmatka-free=#d8f0dc] - Colour of free units.
 * @cssprop [--crm-shahmatka-booked=#fff1c2] - Colour of booked units.
 * @cssprop [--crm-shahmatka-paid-booking=#ffd9a8] - Colour of units under a paid booking.
 * @cssprop [--crm-shahmatka-sold=#e3e6ea] - Colour of sold units.
 * @cssprop [--crm-shahmatka-not-for-sale=#f3f4f6] - Colour of units not for sale.
 * @cssprop [--crm-shahmatka-heat-0=#e8f1fb] - Heatmap lowest step (…-heat-4 the highest).
 * @cssprop [--crm-shahmatka-heat-1=#bcd6f2] - Heatmap second step.
 * @cssprop [--crm-shahmatka-heat-2=#8db8e8] - Heatmap middle step.
 * @cssprop [--crm-shahmatka-heat-3=#5a94d6] - Heatmap fourth step.
 * @cssprop [--crm-shahmatka-heat-4=#2f6fb8] - Heatmap highest step.
 * @cssprop [--crm-shahmatka-cell-text=#1f2933] - Text colour in cells (dark theme default #e6edf3).
 * @cssprop [--crm-shahmatka-cell-size=76px] - Cell width.
 * @cssprop [--crm-shahmatka-max-height=70vh] - Height of the scrolling grid.
 *
 * @cssstate loading - Data is loading.
 * @cssstate error - The load failed.
 * @cssstate empty - No units.
 *
 * @fires {CrmApartmentSelectEvent} crm-apartment-select - A unit was selected.
 * @fires {CrmApartmentHoldEvent} crm-apartment-hold - Booking asked for while the adapter cannot write; cancelable.
 * @fires {CrmApartmentReleaseEvent} crm-apartment-release - Release asked for while the adapter cannot write; cancelable.
 */
export class CrmShahmatka extends CrmElement {
  static override styles = [...CrmElement.styles, stateStyles, containerFitStyles, shahmatkaStyles];

  /** Project to show; the first one when empty or unknown. A number is read as its decimal string. */
  @property({ attribute: 'project-id' }) projectId: string | number = '';
  /** Building to show; the project's first when empty or unknown. A number is read as its decimal string. */
  @property({ attribute: 'building-id' }) buildingId: string | number = '';
  /** The client's request: matching cells stay bright. */
  @property({ attribute: false }) request: ApartmentRequest = {};
  /** Colour cells by status or by a heatmap. */
  @property() heatmap: HeatmapMode = 'status';
  /** Show the price or the price per m² in cells. */
  @property({ attribute: 'price-mode' }) priceMode: PriceMode = 'price';
  /** `grid`, `list` (per section) or `auto` (list below 640 px). */
  @property() view: ShahmatkaView = 'auto';
  /** Working days a paid booking holds the unit and its price. */
  @property({ type: Number, attribute: 'hold-days' }) holdDays = DEFAULT_HOLD_WORKING_DAYS;
  /** Weekends, holidays and working Saturdays for hold expiry. */
  @property({ attribute: false }) calendar: WorkingCalendar = {};
  /** The current instant; leave unset for the clock (set it in stories and tests). */
  @property({ attribute: false }) now?: number;
  /** Overrides of any text. */
  @property({ attribute: false }) strings?: DeepPartial<ShahmatkaStrings>;

  /** The unit whose card is open (a deep link); set by selecting a cell. */
  @property({ attribute: 'selected-id' }) selectedId?: string;
  @state() private narrow = false;
  @state() private listSection = 0;
  @state() private message?: Message;
  @state() private busy = false;
  @state() private clientName = '';
  @state() private paid = true;

  private readonly loc = new LocalizeController<ShahmatkaStrings>(this, { ru, en }, () => this.strings);
  private readonly data = new CrmDataController<ShahmatkaData, readonly [string, string]>(this, {
    args: () => [String(this.projectId ?? ''), String(this.buildingId ?? '')] as const,
    load: (ctx, projectId, buildingId) => loadShahmatka(ctx, projectId, buildingId),
    needs: ['project', 'building', 'apartment'],
    isEmpty: (d) => d.apartments.length === 0,
  });
  private readonly history = new Task(this, {
    args: () => [this.resolvedAdapter, this.selectedId] as const,
    task: async ([adapter, id], { signal }) => (adapter && id ? loadPriceHistory(adapter, id, signal) : []),
  });
  private readonly chart = new PriceChartController(this);
  /** Apartments changed here (holds, releases, fresh reads) over the loaded data; cleared on reload. */
  private overrides = new Map<string, Apartment>();
  private overridesFor?: ShahmatkaData;
  private prepared?: { key: unknown[]; value: Prepared };
  private activeIndex = 0;
  private resizeObserver?: ResizeObserver;
  private ticker?: ReturnType<typeof setInterval>;

  override connectedCallback(): void {
    super.connectedCallback();
    this.resizeObserver = new ResizeObserver((entries) => {
      const width = entries[0]?.contentRect.width ?? 1000;
      const narrow = width > 0 && width < NARROW_PX;
      // Next frame: changing the layout inside the observer's callback loops it.
      if (narrow !== this.narrow) requestAnimationFrame(() => (this.narrow = narrow));
    });
    this.resizeObserver.observe(this);
    // Countdowns move once a minute while the element is on the page.
    this.ticker = setInterval(() => {
      if (this.selectedId && this.now === undefined) this.requestUpdate();
    }, 60_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
    clearInterval(this.ticker);
  }

  private get currentNow(): number {
    return this.now ?? Date.now();
  }

  private get listMode(): boolean {
    return this.view === 'list' || (this.view === 'auto' && this.narrow);
  }

  /** Apartments of the loaded building with local updates (holds made here) applied. */
  private apartments(d: ShahmatkaData): Apartment[] {
    if (this.overridesFor !== d) {
      this.overridesFor = d;
      if (this.overrides.size) this.overrides = new Map();
    }
    return this.overrides.size ? d.apartments.map((a) => this.overrides.get(a.id) ?? a) : (d.apartments as Apartment[]);
  }

  private prepare(d: ShahmatkaData): Prepared | undefined {
    if (!d.building) return undefined;
    const key = [d, this.overrides, this.request, this.heatmap, this.now];
    if (this.prepared && this.prepared.key.every((k, i) => k === key[i])) return this.prepared.value;
    const all = this.apartments(d);
    const layout = layoutBuilding(d.building, all);
    const empty = isEmptyRequest(this.request);
    const matching = new Set<string>();
    for (const a of all) if (empty || matchesRequest(a, this.request)) matching.add(a.id);
    const heat = new Map<string, number>();
    let heatRange: [number, number] | undefined;
    if (this.heatmap !== 'status') {
      const now = this.currentNow;
      const values = new Map<string, number>();
      let min = Infinity;
      let max = -Infinity;
      for (const a of all) {
        const v = heatValue(a, this.heatmap, now);
        if (v === undefined) continue;
        values.set(a.id, v);
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      for (const [id, v] of values) heat.set(id, heatLevel(v, min, max, HEAT_LEVELS));
      if (values.size) heatRange = [min, max];
    }
    const value = { layout, all, matching, heat, ...(heatRange ? { heatRange } : {}) };
    this.prepared = { key, value };
    return value;
  }

  private selected(p: Prepared | undefined): Apartment | undefined {
    return this.selectedId ? p?.all.find((a) => a.id === this.selectedId) : undefined;
  }

  override render(): unknown {
    return this.data.render({
      ...stateRenderers(this.loc, this.data as CrmDataController<unknown, readonly unknown[]>),
      complete: (d) => this.renderComplete(d),
    });
  }

  override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.toggleAttribute('data-narrow', this.narrow);
    this.syncRovingFocus();
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.price-chart');
    const points = this.history.value ?? [];
    if (canvas && points.length > 1) {
      void this.chart.show(
        canvas,
        points.map((p) => ({ label: this.loc.date(p.at, this.data.value?.timeZone), price: p.price })),
        (n) => this.loc.money(n),
      );
    } else this.chart.destroy();
  }

  private renderComplete(d: ShahmatkaData): TemplateResult {
    const t = this.loc.t;
    const p = this.prepare(d);
    const current = this.selected(p);
    return html`
      ${this.renderToolbar(d, p)}
      ${this.renderFilters()}
      ${renderStatusBar(this.loc, this.data as CrmDataController<unknown, readonly unknown[]>)}
      ${!d.building
        ? renderEmpty(this.loc, t.noBuildings)
        : !p || p.all.length === 0
          ? renderEmpty(this.loc, t.noUnits)
          : html`
              ${this.renderLegend(p)}
              <div class="body">
                <div class="grid-wrap">${this.listMode ? this.renderList(p) : this.renderGridGuarded(d, p)}</div>
                <div class="side">${current ? this.renderCard(d, current) : nothing} ${this.renderBestFits(p)}</div>
              </div>
            `}
    `;
  }

  private renderToolbar(d: ShahmatkaData, p: Prepared | undefined): TemplateResult {
    const t = this.loc.t;
    return html`<div class="top" part="toolbar">
      <label class="field"
        >${t.project}
        <select @change=${(e: Event) => this.switchProject((e.target as HTMLSelectElement).value)}>
          ${d.projects.map((pr) => html`<option value=${pr.id} ?selected=${pr.id === d.project?.id}>${pr.name}</option>`)}
        </select>
      </label>
      <label class="field"
        >${t.building}
        <select @change=${(e: Event) => this.switchBuilding((e.target as HTMLSelectElement).value)}>
          ${d.buildings.map((b) => html`<option value=${b.id} ?selected=${b.id === d.building?.id}>${b.name}</option>`)}
        </select>
      </label>
      <label class="field"
        >${t.show}
        <select @change=${(e: Event) => (this.priceMode = (e.target as HTMLSelectElement).value as PriceMode)}>
          <option value="price" ?selected=${this.priceMode === 'price'}>${t.showPrice}</option>
          <option value="per-m2" ?selected=${this.priceMode === 'per-m2'}>${t.showPricePerM2}</option>
        </select>
      </label>
      <label class="field"
        >${t.colourBy}
        <select @change=${(e: Event) => (this.heatmap = (e.target as HTMLSelectElement).value as HeatmapMode)}>
          ${HEATMAP_MODES.map((m) => html`<option value=${m} ?selected=${this.heatmap === m}>${t.heatmap[m]}</option>`)}
        </select>
      </label>
      <button class="crm-button" type="button" aria-pressed=${this.listMode ? 'true' : 'false'} @click=${() => (this.view = this.listMode ? 'grid' : 'list')}>
        ${this.listMode ? t.gridMode : t.listMode}
      </button>
      ${p
        ? html`<button class="crm-button" type="button" @click=${() => this.export(d, p, 'csv')}>${this.loc.core.exportCsv}</button>
            <button class="crm-button" type="button" @click=${() => this.export(d, p, 'xlsx')}>${this.loc.core.exportXlsx}</button>`
        : nothing}
    </div>`;
  }

  private renderFilters(): TemplateResult {
    const t = this.loc.t;
    const r = this.request;
    const num = (v: string) => (v.trim() === '' ? undefined : Number(v));
    const set = (patch: Partial<ApartmentRequest>) => {
      this.request = { ...this.request, ...patch };
    };
    const toggleRooms = (n: number, on: boolean) => {
      const rooms = new Set(r.rooms ?? []);
      if (on) rooms.add(n);
      else rooms.delete(n);
      set({ rooms: [...rooms].sort() });
    };
    return html`<fieldset part="filters">
      <legend>${t.filters}</legend>
      <label class="field"
        >${t.type}
        <select @change=${(e: Event) => {
          const v = (e.target as HTMLSelectElement).value;
          set({ types: v ? [v as UnitType] : [] });
        }}>
          <option value="">${t.any}</option>
          ${UNIT_TYPES.map((u) => html`<option value=${u} ?selected=${r.types?.[0] === u}>${t.types[u]}</option>`)}
        </select>
      </label>
      <span class="field" role="group" aria-label=${t.rooms}>
        ${t.rooms}
        <span class="rooms">
          ${[0, 1, 2, 3, ROOMS_OR_MORE].map(
            (n) => html`<label class="check"
              ><input
                type="checkbox"
                .checked=${r.rooms?.includes(n) ?? false}
                @change=${(e: Event) => toggleRooms(n, (e.target as HTMLInputElement).checked)}
              />${n === 0 ? t.studio : n === ROOMS_OR_MORE ? t.roomsOrMore : String(n)}</label
            >`,
          )}
        </span>
      </span>
      <label class="field"
        >${t.areaFrom}<input type="number" min="0" .value=${r.areaFrom?.toString() ?? ''} @change=${(e: Event) => set({ areaFrom: num((e.target as HTMLInputElement).value) })}
      /></label>
      <label class="field"
        >${t.areaTo}<input type="number" min="0" .value=${r.areaTo?.toString() ?? ''} @change=${(e: Event) => set({ areaTo: num((e.target as HTMLInputElement).value) })}
      /></label>
      <label class="field"
        >${t.budgetTo}<input
          type="number"
          min="0"
          step="100000"
          .value=${r.budgetTo?.toString() ?? ''}
          @change=${(e: Event) => set({ budgetTo: num((e.target as HTMLInputElement).value) })}
      /></label>
      <label class="field"
        >${t.status}
        <select @change=${(e: Event) => {
          const v = (e.target as HTMLSelectElement).value;
          set({ statuses: v ? [v as ApartmentStatus] : [] });
        }}>
          <option value="">${t.any}</option>
          ${APARTMENT_STATUSES.map((s) => html`<option value=${s} ?selected=${r.statuses?.[0] === s}>${t.statuses[s]}</option>`)}
        </select>
      </label>
      <label class="field"
        >${t.finishing}
        <select @change=${(e: Event) => {
          const v = (e.target as HTMLSelectElement).value;
          set({ finishings: v ? [v as Finishing] : [] });
        }}>
          <option value="">${t.any}</option>
          ${FINISHINGS.map((f) => html`<option value=${f} ?selected=${r.finishings?.[0] === f}>${t.finishings[f]}</option>`)}
        </select>
      </label>
      <label class="check"
        ><input type="checkbox" .checked=${r.specialOffer ?? false} @change=${(e: Event) => set({ specialOffer: (e.target as HTMLInputElement).checked })} />${t.specialOffer}</label
      >
      <button class="crm-button" type="button" @click=${() => (this.request = {})}>${t.reset}</button>
    </fieldset>`;
  }

  private renderLegend(p: Prepared): TemplateResult {
    const t = this.loc.t;
    const matches = isEmptyRequest(this.request) ? nothing : html`<li><strong>${t.matches(p.matching.size)}</strong></li>`;
    if (this.heatmap !== 'status') {
      const [min, max] = p.heatRange ?? [0, 0];
      const fmt = (v: number) => (this.heatmap === 'days-on-sale' ? t.days(Math.round(v)) : this.loc.money(v));
      return html`<ul class="legend" part="legend" aria-label=${t.legend}>
        <li>${t.heatmap[this.heatmap]}:</li>
        <li>${fmt(min)} (${t.heatLow})</li>
        ${[0, 1, 2, 3, 4].map((i) => html`<li><span class="swatch h${i}" aria-hidden="true"></span></li>`)}
        <li>${fmt(max)} (${t.heatHigh})</li>
        ${matches}
      </ul>`;
    }
    const counts = statusCounts(p.all);
    return html`<ul class="legend" part="legend" aria-label=${t.legend}>
      ${APARTMENT_STATUSES.map(
        (s) => html`<li><span class="swatch s-${s}" aria-hidden="true"></span>${t.statuses[s]} (${t.statusShort[s]}): ${this.loc.number(counts[s])}</li>`,
      )}
      ${matches}
    </ul>`;
  }

  /** The grid only re-renders when what it shows changes, not when the card opens. */
  private renderGridGuarded(d: ShahmatkaData, p: Prepared): unknown {
    return guard([p, this.priceMode, this.loc.lang, this.strings], () => this.renderGrid(d, p));
  }

  private renderGrid(d: ShahmatkaData, p: Prepared): TemplateResult {
    const t = this.loc.t;
    const lang = this.loc.lang;
    const { layout } = p;
    const compact = new Intl.NumberFormat(lang, { notation: 'compact', maximumFractionDigits: 1 });
    const area = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
    const perM2 = this.priceMode === 'per-m2';
    const dimOthers = !isEmptyRequest(this.request);
    const sectionStarts = new Set(layout.sections.map((s) => s.columnStart));
    const cellText = (a: Apartment) =>
      `${a.number}\n${t.roomsShort(a.rooms)} · ${area.format(a.areaTotal)}\n${compact.format(perM2 ? pricePerM2(a) : a.price)}${perM2 ? t.perSqm : ''}\n${t.statusShort[a.status]}`;
    const unit = (u: UnitPlacement, i: number) => {
      const a = u.apartment;
      const h = p.heat.get(a.id);
      const cls = `s-${a.status}${h !== undefined && h >= 0 ? ` h${h}` : ''}${sectionStarts.has(u.column) ? ' sb' : ''}${dimOthers && !p.matching.has(a.id) ? ' d' : ''}`;
      return u.rowSpan > 1 || u.columnSpan > 1
        ? html`<td class=${cls} data-i=${i} rowspan=${u.rowSpan} colspan=${u.columnSpan} tabindex="-1">${cellText(a)}</td>`
        : html`<td class=${cls} data-i=${i} tabindex="-1">${cellText(a)}</td>`;
    };
    const indexOf = new Map(layout.units.map((u, i) => [u, i]));
    // Row and column totals count each unit once: in its lowest floor's row and its first column.
    const byRow = layout.floors.map(() => [] as Apartment[]);
    const byColumn = Array.from({ length: layout.columnCount }, () => [] as Apartment[]);
    for (const u of layout.units) {
      byRow[u.row + u.rowSpan - 1].push(u.apartment);
      byColumn[u.column].push(u.apartment);
    }
    const totalText = (list: readonly Apartment[]) => {
      if (!list.length) return '';
      const x = unitTotals(list);
      return `${this.loc.percent(x.soldShare)}\n${compact.format(x.sum)}\n${compact.format(x.avgPricePerM2)}${t.perSqm}`;
    };
    const all = unitTotals(p.all);
    return html`<table
      class="grid"
      part="table"
      role="grid"
      aria-label=${t.gridLabel(d.building?.name ?? '')}
      ${cssProps({ inlineSize: `calc(var(--_sh-cell) * ${layout.columnCount + 1} + 48px)` })}
      @click=${this.onGridClick}
      @keydown=${this.onGridKeydown}
      @focusin=${this.onGridFocus}
    >
      <colgroup>
        <col ${cssProps({ inlineSize: '48px' })} />
        <col span=${Math.max(1, layout.columnCount)} />
        <col />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">${t.floor}</th>
          ${layout.sections.map((s) => html`<th scope="colgroup" colspan=${s.columns} class="sb">${s.section.name}</th>`)}
          <th scope="col" title=${`${t.soldShare} / ${t.sum} / ${t.avgPerM2}`}>${t.totals}</th>
        </tr>
      </thead>
      <tbody>
        ${layout.rows.map(
          (row, r) =>
            html`<tr>
              <th scope="row">${row.floor}</th>
              ${row.items.map((item) =>
                item.kind === 'unit'
                  ? unit(item, indexOf.get(item) as number)
                  : html`<td class=${sectionStarts.has(item.column) ? (item.reason === 'no-floor' ? 'e nf sb' : 'e sb') : item.reason === 'no-floor' ? 'e nf' : 'e'}></td>`,
              )}
              <td class="tot">${totalText(byRow[r])}</td>
            </tr>`,
        )}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">${t.totals}</th>
          ${byColumn.map((list) => html`<td>${totalText(list)}</td>`)}
          <td>${this.loc.percent(all.soldShare)}\n${compact.format(all.sum)}\n${compact.format(all.avgPricePerM2)}${t.perSqm}</td>
        </tr>
      </tfoot>
    </table>`;
  }

  private renderList(p: Prepared): TemplateResult {
    const t = this.loc.t;
    const { layout } = p;
    const section = Math.min(this.listSection, layout.sections.length - 1);
    const units = sectionUnits(layout, section);
    const dimOthers = !isEmptyRequest(this.request);
    let lastFloor: number | undefined;
    return html`<label class="field"
        >${t.section}
        <select @change=${(e: Event) => (this.listSection = Number((e.target as HTMLSelectElement).value))}>
          ${layout.sections.map((s, i) => html`<option value=${i} ?selected=${i === section}>${s.section.name}</option>`)}
        </select>
      </label>
      <ul class="list" part="list">
        ${units.map((u) => {
          const a = u.apartment;
          const floor = layout.floors[u.row];
          const floorHead = floor !== lastFloor ? html`<li class="floor">${t.floorN(floor)}</li>` : nothing;
          lastFloor = floor;
          const h = p.heat.get(a.id);
          return html`${floorHead}
            <li>
              <button
                type="button"
                class="s-${a.status}${h !== undefined && h >= 0 ? ` h${h}` : ''}"
                ?data-dim=${dimOthers && !p.matching.has(a.id)}
                aria-pressed=${a.id === this.selectedId ? 'true' : 'false'}
                @click=${() => this.select(a)}
              >
                <span>№ ${a.number} · ${t.roomsShort(a.rooms)} · ${this.loc.number(a.areaTotal)} ${t.sqm}</span>
                <span>${this.priceText(a)} · ${t.statuses[a.status]}</span>
              </button>
            </li>`;
        })}
      </ul>`;
  }

  private priceText(a: Apartment): string {
    return this.priceMode === 'per-m2' ? `${this.loc.money(pricePerM2(a), a.currency)}${this.loc.t.perSqm}` : this.loc.money(a.price, a.currency);
  }

  private renderBestFits(p: Prepared): unknown {
    if (isEmptyRequest(this.request)) return nothing;
    const t = this.loc.t;
    const best = rankMatches(p.all, this.request, 10);
    return html`<section part="best-fits" aria-label=${t.bestFits}>
      <h3>${t.bestFits}</h3>
      ${best.length === 0
        ? html`<p role="status">${t.noMatches}</p>`
        : html`<ol class="fits">
            ${best.map(
              (a) =>
                html`<li>
                  <button type="button" @click=${() => this.select(a, true)}>
                    № ${a.number} · ${t.roomsShort(a.rooms)} · ${this.loc.number(a.areaTotal)} ${t.sqm} · ${this.priceText(a)} ·
                    ${t.statuses[a.status]}${a.specialOffer ? ` · ${a.specialOffer}` : ''}
                  </button>
                </li>`,
            )}
          </ol>`}
    </section>`;
  }

  private renderCard(d: ShahmatkaData, a: Apartment): TemplateResult {
    const t = this.loc.t;
    const zone = d.timeZone;
    const section = d.building?.sections.find((s) => s.id === a.sectionId);
    const img = safeImageUrl(a.layoutUrl);
    const link = safeLinkUrl(a.url);
    const points = this.history.value ?? [];
    return html`<section class="card" part="card" aria-label=${t.card(a.number)}>
      <h3>
        ${t.card(a.number)}
        <button class="crm-button" type="button" aria-label=${t.closeCard} title=${t.closeCard} @click=${() => this.closeCard()}>×</button>
      </h3>
      ${img ? html`<img src=${img} alt=${t.layoutImage(a.number)} width="240" height="180" />` : html`<p>${t.noLayout}</p>`}
      <p><span class="swatch s-${a.status}" aria-hidden="true"></span> ${t.statusAsOf(t.statuses[a.status], this.loc.dateTime(a.statusAt, zone))}</p>
      <dl>
        <dt>${t.type}</dt>
        <dd>${t.types[a.type]}${a.rooms > 0 ? `, ${t.roomsShort(a.rooms)}` : ''}</dd>
        <dt>${t.price}</dt>
        <dd>${this.loc.money(a.price, a.currency)} (${this.loc.money(pricePerM2(a), a.currency)}${t.perSqm})</dd>
        <dt>${t.area}</dt>
        <dd>
          ${this.loc.number(a.areaTotal)} ${t.sqm}${a.areaLiving ? html`; ${t.areaLiving} ${this.loc.number(a.areaLiving)} ${t.sqm}` : nothing}${a.areaKitchen
            ? html`; ${t.areaKitchen} ${this.loc.number(a.areaKitchen)} ${t.sqm}`
            : nothing}
        </dd>
        <dt>${t.position}</dt>
        <dd>${t.positionText(section?.name ?? a.sectionId, a.floor, a.column + 1)}</dd>
        ${a.finishing ? html`<dt>${t.finishing}</dt><dd>${t.finishings[a.finishing]}</dd>` : nothing}
        ${a.specialOffer ? html`<dt>${t.specialOffer}</dt><dd>${a.specialOffer}</dd>` : nothing}
        ${a.onSaleSince !== undefined && a.status !== 'sold'
          ? html`<dt>${t.daysOnSale}</dt><dd>${t.days(Math.max(0, Math.floor((this.currentNow - a.onSaleSince) / 86_400_000)))}</dd>`
          : nothing}
      </dl>
      <h4>${t.priceHistory}</h4>
      ${points.length > 1
        ? html`<div class="chart"><canvas class="price-chart" role="img" aria-label=${t.priceHistory}></canvas></div>
            <details class="history">
              <summary>${t.priceHistory}</summary>
              <table>
                <thead><tr><th scope="col">${t.date}</th><th scope="col">${t.price}</th></tr></thead>
                <tbody>${points.map((pt) => html`<tr><td>${this.loc.date(pt.at, zone)}</td><td>${this.loc.money(pt.price, a.currency)}</td></tr>`)}</tbody>
              </table>
            </details>`
        : html`<p class="history">${t.priceHistoryEmpty}</p>`}
      ${this.renderBooking(d, a)}
      ${link ? html`<p><a href=${link} target="_blank" rel="noopener noreferrer">${t.openInCrm}</a></p>` : nothing}
    </section>`;
  }

  private renderBooking(d: ShahmatkaData, a: Apartment): TemplateResult {
    const t = this.loc.t;
    const zone = d.timeZone;
    const b = a.booking;
    let info: unknown = nothing;
    if (b && (a.status === 'booked' || a.status === 'paid-booking')) {
      const expires = b.expiresAt ?? (b.paid ? holdExpiresAt(b.bookedAt, { timeZone: zone, days: this.holdDays, calendar: this.calendar }) : undefined);
      const left = expires !== undefined ? countdown(this.currentNow, expires) : undefined;
      info = html`<dl>
        ${b.clientName ? html`<dt>${t.clientName}</dt><dd>${b.clientName}</dd>` : nothing}
        <dt>${t.booking}</dt>
        <dd>${t.bookedAt(this.loc.dateTime(b.bookedAt, zone))}. ${b.paid ? t.paidBooking : t.unpaidBooking}</dd>
        ${b.paid && b.price !== undefined ? html`<dt>${t.price}</dt><dd>${t.fixedPrice(this.loc.money(b.price, a.currency))}</dd>` : nothing}
        <dt>${t.expiresAt('').trim()}</dt>
        <dd>
          ${expires === undefined
            ? t.openEnded
            : html`${this.loc.dateTime(expires, zone)}.
                <span class="countdown" ?data-urgent=${left?.urgent || left?.expired}
                  >${left?.expired ? t.expired : t.expiresIn(left?.days ?? 0, left?.hours ?? 0, left?.minutes ?? 0)}</span
                >`}
        </dd>
      </dl>`;
    }
    const msg = this.message
      ? html`<p class="message" role=${this.message.kind === 'error' ? 'alert' : 'status'} data-kind=${this.message.kind}>${this.message.text}</p>`
      : html`<p class="message" role="status"></p>`;
    return html`<h4>${t.booking}</h4>
      ${info}
      ${canHold(a)
        ? html`<div class="actions">
            <label class="field"
              >${t.clientName}<input type="text" .value=${this.clientName} @input=${(e: Event) => (this.clientName = (e.target as HTMLInputElement).value)}
            /></label>
            <label class="check"><input type="checkbox" .checked=${this.paid} @change=${(e: Event) => (this.paid = (e.target as HTMLInputElement).checked)} />${t.paid}</label>
            <button class="crm-button" data-primary type="button" ?disabled=${this.busy} @click=${() => this.hold(d, a)}>${t.book}</button>
          </div>`
        : canRelease(a)
          ? html`<div class="actions">
              <button class="crm-button" type="button" ?disabled=${this.busy} @click=${() => this.release(d, a)}>${t.release}</button>
            </div>`
          : nothing}
      ${msg}`;
  }

  // ---- interaction --------------------------------------------------------------------------

  private switchProject(id: string): void {
    this.projectId = id;
    this.buildingId = '';
    this.selectedId = undefined;
  }

  private switchBuilding(id: string): void {
    this.buildingId = id;
    this.selectedId = undefined;
  }

  private select(a: Apartment, focus = false): void {
    if (this.selectedId !== a.id) {
      this.selectedId = a.id;
      this.message = undefined;
      this.dispatchEvent(new CrmApartmentSelectEvent(a));
    }
    const p = this.data.value ? this.prepare(this.data.value) : undefined;
    const index = p?.layout.units.findIndex((u) => u.apartment.id === a.id) ?? -1;
    if (index >= 0) {
      this.activeIndex = index;
      if (focus) void this.updateComplete.then(() => this.cellAt(index)?.focus());
    }
  }

  private closeCard(): void {
    const index = this.activeIndex;
    this.selectedId = undefined;
    this.message = undefined;
    void this.updateComplete.then(() => this.cellAt(index)?.focus());
  }

  private cellAt(index: number): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`td[data-i="${index}"]`);
  }

  /** Exactly one cell is in the tab order (roving tabindex); the selected one is marked. */
  private syncRovingFocus(): void {
    const grid = this.renderRoot.querySelector('table.grid');
    if (!grid) return;
    for (const el of grid.querySelectorAll<HTMLElement>('td[tabindex="0"], td[aria-selected]')) {
      el.tabIndex = -1;
      el.removeAttribute('aria-selected');
    }
    const active = this.cellAt(this.activeIndex) ?? grid.querySelector<HTMLElement>('td[data-i]');
    if (active) active.tabIndex = 0;
    const p = this.data.value ? this.prepare(this.data.value) : undefined;
    if (this.selectedId && p) {
      const i = p.layout.units.findIndex((u) => u.apartment.id === this.selectedId);
      this.cellAt(i)?.setAttribute('aria-selected', 'true');
    }
  }

  private unitFromEvent(e: Event): number | undefined {
    const td = (e.target as Element | null)?.closest?.('td[data-i]');
    return td ? Number(td.getAttribute('data-i')) : undefined;
  }

  private onGridClick = (e: MouseEvent): void => {
    const i = this.unitFromEvent(e);
    const p = this.data.value ? this.prepare(this.data.value) : undefined;
    if (i === undefined || !p) return;
    this.moveFocus(i);
    this.select(p.layout.units[i].apartment);
  };

  private onGridFocus = (e: FocusEvent): void => {
    const i = this.unitFromEvent(e);
    if (i !== undefined && i !== this.activeIndex) this.moveFocus(i, false);
  };

  private moveFocus(index: number, focus = true): void {
    const old = this.cellAt(this.activeIndex);
    const next = this.cellAt(index);
    if (!next) return;
    if (old && old !== next) old.tabIndex = -1;
    next.tabIndex = 0;
    this.activeIndex = index;
    if (focus) next.focus();
  }

  /**
   * WAI-ARIA grid keys: arrows move to the next unit in that direction (across spans, skipping
   * blank positions), Home/End to the row's first/last unit, Ctrl+Home/End to the grid's,
   * Page Up/Down five floors; Enter or Space opens the card, Escape closes it.
   */
  private onGridKeydown = (e: KeyboardEvent): void => {
    const from = this.unitFromEvent(e);
    const p = this.data.value ? this.prepare(this.data.value) : undefined;
    if (from === undefined || !p) return;
    const { layout } = p;
    const u = layout.units[from];
    const at = (r: number, c: number) => (r >= 0 && r < layout.floors.length && c >= 0 && c < layout.columnCount ? layout.cover[r][c] : -1);
    const scanRow = (r: number, start: number, step: number): number => {
      for (let c = start; c >= 0 && c < layout.columnCount; c += step) {
        const i = at(r, c);
        if (i >= 0 && i !== from) return i;
      }
      return -1;
    };
    const scanColumn = (c: number, start: number, step: number): number => {
      for (let r = start; r >= 0 && r < layout.floors.length; r += step) {
        const i = at(r, c);
        if (i >= 0 && i !== from) return i;
      }
      return -1;
    };
    const lastRow = layout.floors.length - 1;
    let target = -1;
    switch (e.key) {
      case 'ArrowRight':
        target = scanRow(u.row, u.column + u.columnSpan, 1);
        break;
      case 'ArrowLeft':
        target = scanRow(u.row, u.column - 1, -1);
        break;
      case 'ArrowDown':
        target = scanColumn(u.column, u.row + u.rowSpan, 1);
        break;
      case 'ArrowUp':
        target = scanColumn(u.column, u.row - 1, -1);
        break;
      case 'Home':
        target = e.ctrlKey ? scanRow(0, 0, 1) : scanRow(u.row, 0, 1);
        if (e.ctrlKey && target < 0) target = scanColumn(0, 0, 1);
        break;
      case 'End':
        target = e.ctrlKey ? scanRow(lastRow, layout.columnCount - 1, -1) : scanRow(u.row, layout.columnCount - 1, -1);
        break;
      case 'PageDown':
        target = scanColumn(u.column, Math.min(lastRow, u.row + PAGE_FLOORS), 1);
        if (target < 0) target = scanColumn(u.column, Math.min(lastRow, u.row + PAGE_FLOORS), -1);
        break;
      case 'PageUp':
        target = scanColumn(u.column, Math.max(0, u.row - PAGE_FLOORS), -1);
        if (target < 0) target = scanColumn(u.column, Math.max(0, u.row - PAGE_FLOORS), 1);
        break;
      case 'Enter':
      case ' ':
        e.preventDefault();
        this.select(u.apartment);
        return;
      case 'Escape':
        if (this.selectedId) {
          e.preventDefault();
          this.closeCard();
        }
        return;
      default:
        return;
    }
    e.preventDefault();
    if (target >= 0 && target !== from) this.moveFocus(target);
  };

  private async hold(d: ShahmatkaData, a: Apartment): Promise<void> {
    const booking = {
      paid: this.paid,
      ...(this.clientName.trim() ? { clientName: this.clientName.trim() } : {}),
      ...(this.paid ? { price: a.price, expiresAt: holdExpiresAt(this.currentNow, { timeZone: d.timeZone, days: this.holdDays, calendar: this.calendar }) } : {}),
    };
    const adapter = this.resolvedAdapter;
    if (!d.canWrite || !adapter) {
      const event = new CrmApartmentHoldEvent({ apartment: a, booking });
      this.dispatchEvent(event);
      this.message = event.defaultPrevented ? { kind: 'info', text: this.loc.t.handedOver } : { kind: 'error', text: this.loc.t.writeUnsupported };
      return;
    }
    await this.write(() => holdApartment(adapter, a.id, booking), this.loc.t.booked);
  }

  private async release(d: ShahmatkaData, a: Apartment): Promise<void> {
    const adapter = this.resolvedAdapter;
    if (!d.canWrite || !adapter) {
      const event = new CrmApartmentReleaseEvent({ apartment: a });
      this.dispatchEvent(event);
      this.message = event.defaultPrevented ? { kind: 'info', text: this.loc.t.handedOver } : { kind: 'error', text: this.loc.t.writeUnsupported };
      return;
    }
    await this.write(() => releaseApartment(adapter, a.id), this.loc.t.released);
  }

  private async write(run: () => Promise<WriteOutcome>, done: string): Promise<void> {
    const t = this.loc.t;
    this.busy = true;
    this.message = { kind: 'info', text: t.working };
    try {
      const out = await run();
      if (out.apartment) {
        this.overrides = new Map(this.overrides).set(out.apartment.id, out.apartment);
        this.requestUpdate();
      }
      if (out.ok) this.message = { kind: 'info', text: done };
      else if (out.code === 'not-free') this.message = { kind: 'error', text: t.notFree(t.statuses[out.apartment?.status ?? 'sold']) };
      else if (out.code === 'conflict') this.message = { kind: 'error', text: t.conflict };
      else this.message = { kind: 'error', text: `${t.writeFailed}: ${out.error ? this.loc.core.errors[out.error.code] : ''}` };
    } finally {
      this.busy = false;
    }
  }

  private export(d: ShahmatkaData, p: Prepared, kind: 'csv' | 'xlsx'): void {
    const t = this.loc.t;
    const sections = new Map(d.building?.sections.map((s) => [s.id, s.name]));
    const rows = p.all.filter((a) => p.matching.has(a.id));
    const columns: ExportColumn<Apartment>[] = [
      { label: '№', value: (a) => a.number },
      { label: t.section, value: (a) => sections.get(a.sectionId) ?? a.sectionId },
      { label: t.floor, value: (a) => a.floor },
      { label: t.type, value: (a) => t.types[a.type] },
      { label: t.rooms, value: (a) => a.rooms },
      { label: `${t.area}, ${t.sqm}`, value: (a) => a.areaTotal },
      { label: t.price, value: (a) => a.price },
      { label: `${t.price}${t.perSqm}`, value: (a) => Math.round(pricePerM2(a)) },
      { label: t.status, value: (a) => t.statuses[a.status] },
      { label: t.finishing, value: (a) => (a.finishing ? t.finishings[a.finishing] : '') },
      { label: t.specialOffer, value: (a) => a.specialOffer ?? '' },
    ];
    const name = t.exportName(d.building?.name ?? '');
    if (kind === 'csv') downloadBlob(toCsv(rows, columns, { lang: this.loc.lang, timeZone: d.timeZone }), safeFileName(name, 'csv'), CSV_MIME);
    else void downloadXlsx([xlsxSheet(name.slice(0, 31), rows, columns)], safeFileName(name, 'xlsx'));
  }
}
