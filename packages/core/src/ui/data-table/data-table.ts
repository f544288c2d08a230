import { cssProps } from '../../base/css-props.js';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { CrmElement } from '../../base/element.js';
import { CrmRowActivateEvent } from '../../events/row-activate.js';
import type { DeepPartial } from '../../i18n/deep-merge.js';
import { LocalizeController } from '../../i18n/localize-controller.js';
import type { CoreTranslation } from '../../i18n/translation.js';
import { en as coreEn } from '../../i18n/en.js';
import { ru as coreRu } from '../../i18n/ru.js';
import { sortRows, type DataTableColumn, type TableSort } from './columns.js';
import { dataTableStyles } from './data-table.styles.js';

/** Rows rendered above and below the visible window, so fast scrolling shows no gaps. */
const OVERSCAN = 6;
const DEFAULT_ROW_HEIGHT = 40;
const DEFAULT_MIN_COLUMN = '10rem';

/**
 * A sortable, virtualized table for up to hundreds of thousands of rows. Only the rows in view
 * (plus a few) exist in the DOM; every row has the same height (`--crm-table-row-height`).
 *
 * ARIA: `role="grid"` with `aria-rowcount` (all rows, header included) and `aria-rowindex` on
 * each rendered row, so a screen reader announces "row 5,000 of 100,001" although only a window
 * exists. Rows take focus (roving tabindex): ArrowUp/Down, PageUp/Down, Home/End move, Enter or
 * a click activates. Header cells hold sort buttons (click, Enter or Space) and carry
 * `aria-sort`.
 *
 * At narrow widths (360 px) the table keeps its columns and scrolls horizontally inside its own
 * scroller, with the header sticky; the host never overflows the page. Stacked cards were the
 * alternative, but they break column comparison and the grid's keyboard model.
 *
 * @summary Sortable, virtualized table with keyboard navigation and row activation.
 * @csspart table - The scrolling grid.
 * @csspart header - The header row.
 * @csspart row - Each body row.
 * @csspart footer - The row count under the table.
 * @csspart empty - The message shown when there are no rows.
 * @cssprop [--crm-table-row-height=40px] - Height of every row (virtualization needs it fixed).
 * @cssprop [--crm-table-max-height=28rem] - Height of the scroller before it scrolls.
 * @cssprop [--crm-table-header-background=var(--crm-color-surface-alt)] - Header row background.
 * @fires {CrmRowActivateEvent} crm-row-activate - A row was clicked or Enter was pressed on it.
 */
export class CrmDataTable<R = unknown> extends CrmElement {
  static override styles = [...CrmElement.styles, dataTableStyles];

  /** Column definitions; `value()` doubles as the CSV/XLSX export. */
  @property({ attribute: false }) columns: readonly DataTableColumn<R>[] = [];

  /** The rows to show, in the order given (the table sorts a copy when a column is clicked). */
  @property({ attribute: false }) rows: readonly R[] = [];

  /** Current sort; set it to start sorted, read it to save a view. */
  @property({ attribute: false }) sort?: TableSort;

  /** Accessible name of the grid (a widget passes its own, e.g. "Deals"). */
  @property() label = '';

  /** Text shown when there are no rows; defaults to the dictionary's "No data". */
  @property({ attribute: 'empty-text' }) emptyText = '';

  /** Overrides of the core strings used here. */
  @property({ attribute: false }) strings?: DeepPartial<CoreTranslation>;

  @state() private first = 0;
  @state() private last = 0;
  /** Index (in sorted order) of the row that holds the roving tab stop. */
  @state() private activeIndex = 0;

  private readonly localize = new LocalizeController<CoreTranslation>(this, { ru: coreRu, en: coreEn }, () => this.strings);
  private rowHeight = DEFAULT_ROW_HEIGHT;
  private sorted: readonly R[] = [];
  private resizeObserver?: ResizeObserver;

  /** The rows in their shown order. */
  get sortedRows(): readonly R[] {
    return this.sorted;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.resizeObserver = new ResizeObserver(() => this.updateWindow());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
  }

  protected override firstUpdated(): void {
    // The first window assumed a 28rem viewport; the observer corrects it after layout (outside
    // the update cycle, so no update is scheduled from inside one).
    const scroller = this.scroller;
    if (scroller) this.resizeObserver?.observe(scroller);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('rows') || changed.has('sort') || changed.has('columns') || changed.has('lang')) {
      const column = this.sort ? this.columns.find((c) => c.key === this.sort?.key) : undefined;
      this.sorted = column && this.sort ? sortRows(this.rows, column, this.sort.direction, this.localize.lang) : this.rows;
      if (this.activeIndex >= this.sorted.length) this.activeIndex = Math.max(0, this.sorted.length - 1);
      if (this.hasUpdated) this.computeWindow();
    }
    if (!this.hasUpdated) this.computeWindow();
  }

  private get scroller(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('.scroller');
  }

  private get headerHeight(): number {
    return this.renderRoot.querySelector<HTMLElement>('.head')?.offsetHeight ?? this.rowHeight;
  }

  /** Works out which rows are in view; renders only if the window moved. */
  private computeWindow(): void {
    const scroller = this.scroller;
    // Before the first render the default height serves: reading the custom property then would
    // force a style recalculation of the page; the resize observer corrects it after layout.
    if (this.hasUpdated) {
      const cssHeight = parseFloat(getComputedStyle(this).getPropertyValue('--crm-table-row-height'));
      if (cssHeight > 0) this.rowHeight = cssHeight;
    }
    const viewport = scroller && scroller.clientHeight > 0 ? scroller.clientHeight : 28 * 16;
    const top = Math.max(0, (scroller?.scrollTop ?? 0) - (scroller ? this.headerHeight : 0));
    const count = this.sorted.length;
    const first = Math.max(0, Math.floor(top / this.rowHeight) - OVERSCAN);
    const last = Math.min(count, Math.ceil((top + viewport) / this.rowHeight) + OVERSCAN);
    if (first !== this.first) this.first = first;
    if (last !== this.last) this.last = last;
  }

  private updateWindow = (): void => this.computeWindow();

  private toggleSort(column: DataTableColumn<R>): void {
    const direction = this.sort?.key === column.key && this.sort.direction === 'asc' ? 'desc' : 'asc';
    this.sort = { key: column.key, direction };
  }

  private cellText(value: unknown): string {
    const loc = this.localize;
    if (value === null || value === undefined) return '';
    if (typeof value === 'number') return Number.isFinite(value) ? loc.number(value) : '';
    if (typeof value === 'boolean') return value ? loc.t.yes : loc.t.no;
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : loc.dateTime(value.getTime());
    if (Array.isArray(value)) return value.map((v) => this.cellText(v)).join(', ');
    return String(value);
  }

  private template(): string {
    return this.columns.map((c) => c.width ?? `minmax(${DEFAULT_MIN_COLUMN}, 1fr)`).join(' ');
  }

  private minWidth(): string {
    if (!this.columns.length) return '0';
    return `calc(${this.columns.map((c) => c.width ?? DEFAULT_MIN_COLUMN).join(' + ')})`;
  }

  /** Moves the roving focus to a row, scrolling it into view. */
  async focusRow(index: number): Promise<void> {
    const count = this.sorted.length;
    if (!count) return;
    const i = Math.min(count - 1, Math.max(0, index));
    this.activeIndex = i;
    const scroller = this.scroller;
    if (scroller) {
      const header = this.headerHeight;
      const rowTop = header + i * this.rowHeight;
      const visibleTop = scroller.scrollTop + header;
      const visibleBottom = scroller.scrollTop + scroller.clientHeight;
      if (rowTop < visibleTop) scroller.scrollTop = rowTop - header;
      else if (rowTop + this.rowHeight > visibleBottom) scroller.scrollTop = rowTop + this.rowHeight - scroller.clientHeight;
    }
    this.computeWindow();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`.body [data-index="${i}"]`)?.focus({ preventScroll: true });
  }

  private pageSize(): number {
    const scroller = this.scroller;
    return Math.max(1, Math.floor(((scroller?.clientHeight ?? 0) - this.headerHeight) / this.rowHeight) - 1);
  }

  private onRowKeydown(e: KeyboardEvent, index: number): void {
    if (e.target !== e.currentTarget) return; // keys inside a link or button of a cell stay theirs
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: index + this.pageSize(),
      PageUp: index - this.pageSize(),
      Home: 0,
      End: this.sorted.length - 1,
    };
    const target = moves[e.key];
    if (target !== undefined) {
      e.preventDefault();
      void this.focusRow(target);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      this.activate(index);
    }
  }

  private onRowClick(e: MouseEvent, index: number): void {
    const interactive = e.composedPath().find((n) => n instanceof HTMLElement && n.matches('a[href], button, input, select, textarea, [role="button"]'));
    this.activeIndex = index;
    if (interactive && interactive !== e.currentTarget) return;
    this.activate(index);
  }

  private activate(index: number): void {
    const row = this.sorted[index];
    if (row === undefined) return;
    this.dispatchEvent(new CrmRowActivateEvent<R>(row, index));
  }

  private renderHeader(): TemplateResult {
    const grid = { gridTemplateColumns: this.template(), minInlineSize: this.minWidth() };
    return html`<div class="head" role="rowgroup">
      <div class="row" role="row" part="header" aria-rowindex="1" ${cssProps(grid)}>
        ${this.columns.map((c) => {
          const sortable = c.sortable !== false;
          const active = this.sort?.key === c.key ? this.sort.direction : undefined;
          const ariaSort = active === 'asc' ? 'ascending' : active === 'desc' ? 'descending' : sortable ? 'none' : nothing;
          return html`<div class="cell" role="columnheader" data-align=${c.align ?? 'start'} aria-sort=${ariaSort}>
            ${sortable
              ? html`<button class="sort" type="button" title=${this.localize.t.sortBy(c.label)} @click=${() => this.toggleSort(c)}>
                  <span>${c.label}</span><span class="arrow" aria-hidden="true" ?data-active=${!!active}
                    >${active === 'desc' ? '▼' : active === 'asc' ? '▲' : '↕'}</span
                  >
                </button>`
              : c.label}
          </div>`;
        })}
      </div>
    </div>`;
  }

  private renderRow(row: R, index: number, grid: Record<string, string>): TemplateResult {
    const active = index === this.activeIndex;
    return html`<div
      class="row"
      role="row"
      part="row"
      data-index=${index}
      aria-rowindex=${index + 2}
      ?data-active=${active}
      tabindex=${active ? 0 : -1}
      ${cssProps({ ...grid, transform: `translateY(${index * this.rowHeight}px)` })}
      @click=${(e: MouseEvent) => this.onRowClick(e, index)}
      @keydown=${(e: KeyboardEvent) => this.onRowKeydown(e, index)}
      @focus=${() => {
        if (this.activeIndex !== index) this.activeIndex = index;
      }}
    >
      ${this.columns.map((c) => {
        const value = c.value(row);
        return html`<div class="cell" role="gridcell" data-align=${c.align ?? 'start'}>
          ${c.render ? c.render(row) : this.cellText(value)}
        </div>`;
      })}
    </div>`;
  }

  protected override render(): TemplateResult {
    const t = this.localize.t;
    const count = this.sorted.length;
    const indexes: number[] = [];
    for (let i = this.first; i < Math.min(this.last, count); i++) indexes.push(i);
    // The row holding the tab stop is always rendered, so Tab can reach the grid from anywhere.
    if (count && (this.activeIndex < this.first || this.activeIndex >= this.last)) indexes.push(this.activeIndex);
    const grid = { gridTemplateColumns: this.template(), minInlineSize: this.minWidth() };
    return html`<div
        class="scroller"
        part="table"
        role="grid"
        aria-label=${this.label || t.table}
        aria-rowcount=${count + 1}
        aria-colcount=${this.columns.length}
        @scroll=${this.updateWindow}
      >
        ${this.renderHeader()}
        <div class="body" role="rowgroup" ${cssProps({ blockSize: `${count * this.rowHeight}px`, minInlineSize: this.minWidth() })}>
          ${indexes.map((i) => this.renderRow(this.sorted[i] as R, i, grid))}
        </div>
      </div>
      ${count === 0 ? html`<div class="empty" part="empty" role="status">${this.emptyText || t.empty}</div>` : nothing}
      <div class="footer" part="footer" aria-live="polite">${t.rowsCount(count)}</div>`;
  }
}
