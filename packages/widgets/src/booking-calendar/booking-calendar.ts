import { cssProps } from '@crmkit/core';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import {
  CrmDataController,
  CrmElement,
  LocalizeController,
  OCCUPANCY_GROUPS,
  RESOURCE_TYPES,
  checkMeeting,
  clockInZone,
  commonFreeStarts,
  countFreeSlots,
  dateInZone,
  daySlots,
  gridClocks,
  meetingBookings,
  meetingsToReschedule,
  randomGuid,
  recommendResources,
  resourceRole,
  seatsFor,
  slotOccupancy,
  isoWeekStart,
  renderStatusBar,
  stateRenderers,
  stateStyles,
  renderEmpty,
  type Booking,
  type BookingResource,
  type CalendarDate,
  type DeepPartial,
  type MeetingPart,
  type MeetingProblem,
  type NewBooking,
  type OccupancyGroup,
  type ResourceType,
  type Slot,
  type SlotCount,
} from '@crmkit/core';
import { CrmMeetingCreateEvent } from '../events/booking-calendar.js';
import { createMeeting, loadBookingData, type BookingData } from './booking-data.js';
import { en, ru, type BookingCalendarStrings } from './booking-calendar.strings.js';
import { bookingCalendarStyles } from './booking-calendar.styles.js';
import { containerFitStyles } from '../container-fit.styles.js';

export const BOOKING_VIEWS = ['calendar', 'reschedule', 'occupancy'] as const;
export type BookingView = (typeof BOOKING_VIEWS)[number];
export const BOOKING_RANGES = ['week', 'day'] as const;
export type BookingRange = (typeof BOOKING_RANGES)[number];

const NARROW_PX = 640;
/** A slot button's height with its gap, as the stylesheet draws it (12 px text): row height estimates. */
const SLOT_PX = 24;
/**
 * A resource's week, reused while its bookings, the dates and the zone stay the same. Its slots
 * are made when first asked for (a drawn row, a key, a click); a row still drawn as a summary
 * only counts its free slots per day ({@link countFreeSlots}, no `Slot` objects).
 */
class CachedRow {
  private slotsMade?: ReadonlyMap<CalendarDate, readonly Slot[]>;
  private countsMade?: readonly SlotCount[];
  constructor(
    readonly res: BookingResource,
    readonly base: string,
    readonly own: readonly Booking[],
    private readonly dates: readonly CalendarDate[],
    private readonly timeZone: string,
    private readonly clocks: readonly string[],
  ) {}

  /** Slots per date. */
  get perDay(): ReadonlyMap<CalendarDate, readonly Slot[]> {
    if (!this.slotsMade) {
      const map = new Map<CalendarDate, readonly Slot[]>();
      const options = { timeZone: this.timeZone, ...(this.clocks.length ? { clocks: this.clocks } : {}) };
      for (const date of this.dates) map.set(date, daySlots(this.res, date, this.own, options).slots);
      this.slotsMade = map;
    }
    return this.slotsMade;
  }

  /** Total and free slots per shown date (from the slots when they are made already). */
  get counts(): readonly SlotCount[] {
    if (!this.countsMade) {
      const made = this.slotsMade;
      const options = { timeZone: this.timeZone, ...(this.clocks.length ? { clocks: this.clocks } : {}) };
      this.countsMade = this.dates.map((date): SlotCount => {
        const slots = made?.get(date);
        if (!slots) return countFreeSlots(this.res, date, this.own, options);
        let free = 0;
        for (const x of slots) if (x.reason === undefined) free++;
        return { total: slots.length, free };
      });
    }
    return this.countsMade;
  }
}

/** The same bookings in the same order, as far as slots can tell (id, status, times, seats). */
function sameBookings(a: readonly Booking[], b: readonly Booking[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x !== y && (x.id !== y.id || x.status !== y.status || x.start !== y.start || x.end !== y.end || x.seats !== y.seats)) return false;
  }
  return true;
}

/** Day headers (`пн, 23 мар.`) per language and date: one formatter per language, not one per label. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();
const dayLabels = new Map<string, string>();
/** How near (px) a summary row comes to the calendar's visible box before its slots are drawn. */
const ROW_MARGIN_PX = 300;

type Ctrl = CrmDataController<unknown, readonly unknown[]>;
type Message = { readonly kind: 'ok' | 'error'; readonly texts: readonly string[] };

interface Computed {
  readonly resources: readonly BookingResource[];
  /** Slots per resource id per date (made on first ask). */
  readonly slots: Pick<ReadonlyMap<string, ReadonlyMap<CalendarDate, readonly Slot[]>>, 'get'>;
  /** Each shown resource's week by id. */
  readonly rows: ReadonlyMap<string, CachedRow>;
  /** Day view: the union of clock times. */
  readonly clocks: readonly string[];
}

/**
 * Meeting booking for a sales office: slots of meeting rooms, viewing platforms, buses and
 * managers by week or day with load against capacity (`14:00 (1/2)` and a bar, overbooking in
 * red), who holds a slot and why it is unavailable, planning a meeting with recommendations,
 * one resource per type, consecutive or gapped slots and the overlay of common free slots; and
 * the reports «Встречи к переносу» and «Занятость слотов» (with an hour × weekday heatmap).
 * Times are shown in the CRM's time zone, DST included.
 *
 * @summary Week/day slots of bookable resources, meeting planning and the booking reports.
 *
 * @csspart toolbar - View, range, date and type switches.
 * @csspart calendar - The slot table.
 * @csspart meeting - The new-meeting panel.
 * @csspart detail - Who holds the focused slot and why it is unavailable.
 * @csspart report - A report table.
 * @csspart loading - Progress while loading.
 * @csspart error - Shown when loading failed.
 * @csspart empty - Shown when there is nothing to show (no resources or no free slots).
 * @csspart status - The "data as of" line with the refresh button.
 *
 * @cssprop [--crm-booking-free=#e7f5ea] - Background of an open slot.
 * @cssprop [--crm-booking-full=#eceff3] - Background of a slot with no seat left.
 * @cssprop [--crm-booking-break=#f5f0e1] - Background of breaks and hours outside the schedule.
 * @cssprop [--crm-booking-bar=#2e7d32] - The load bar.
 * @cssprop [--crm-booking-overbooked=#c62828] - Overbooking.
 * @cssprop [--crm-booking-common=#0b66c3] - Mark of slots where all chosen resources are free.
 * @cssprop [--crm-booking-heat=11 102 195] - RGB of the utilisation heatmap.
 * @cssprop [--crm-booking-max-height=75vh] - Height of the scrolling calendar.
 *
 * @cssstate loading - Data is loading.
 * @cssstate error - The load failed.
 * @cssstate empty - No resources.
 *
 * @fires {CrmMeetingCreateEvent} crm-meeting-create - A checked meeting, when the adapter cannot write; cancelable.
 */
export class CrmBookingCalendar extends CrmElement {
  static override styles = [...CrmElement.styles, stateStyles, containerFitStyles, bookingCalendarStyles];

  /** `calendar`, `reschedule` or `occupancy`. */
  @property() view: BookingView = 'calendar';
  /** `week` or `day`. */
  @property() range: BookingRange = 'week';
  /** First date shown (`YYYY-MM-DD`, CRM zone); today (its week's Monday for a week) when empty. */
  @property() date = '';
  /** Show only resources of this type. */
  @property({ attribute: 'resource-type' }) resourceType: ResourceType | '' = '';
  /** Occupancy report detail. */
  @property({ attribute: 'group-by' }) groupBy: OccupancyGroup = 'type';
  /** The current instant; leave unset for the clock. */
  @property({ attribute: false }) now?: number;
  /** Overrides of this widget's strings (deep-merged over the language's dictionary). */
  @property({ attribute: false }) strings?: DeepPartial<BookingCalendarStrings>;

  @state() private clients = '';
  @state() private guests = 0;
  @state() private subject = '';
  /** Role → chosen resource id. */
  @state() private chosen = new Map<string, string>();
  /** Resource id → chosen slot starts. */
  @state() private picked = new Map<string, Set<number>>();
  @state() private focusKey?: string;
  @state() private message?: Message;
  @state() private busy = false;
  @state() private narrow = false;
  /**
   * The last write whose outcome is unknown (its answer was lost): pressing "create" again for
   * the same meeting resends these very bookings, ids included, so it can never book twice.
   */
  private unsettled?: { readonly key: string; readonly bookings: readonly NewBooking[] };

  private readonly loc = new LocalizeController<BookingCalendarStrings>(this, { ru, en }, () => this.strings);
  private readonly data = new CrmDataController<BookingData, readonly [string, BookingRange]>(this, {
    args: () => [this.date, this.range] as const,
    load: (ctx, date, range) =>
      loadBookingData(ctx, date ? (range === 'week' ? isoWeekStart(date) : date) : undefined, range === 'week' ? 7 : 1, (zone) => {
        const today = dateInZone(this.now ?? Date.now(), zone);
        return range === 'week' ? isoWeekStart(today) : today;
      }),
    needs: ['resource', 'booking'],
    isEmpty: (d) => d.resources.length === 0,
  });
  private computed?: { key: unknown[]; value: Computed };
  private slotCache = new Map<string, CachedRow>();
  private added?: { base: BookingData; merged: BookingData };
  private resizeObserver?: ResizeObserver;
  /**
   * Resource rows drawn with their slot buttons. The others stay in the table as rows with
   * the resource's name and a per-day summary (`9 of 12 free`) until they scroll near, a
   * key moves onto them or the page is printed: a week of 50 resources draws ~5 rows of
   * buttons first instead of 4,200.
   */
  private shownRows = new Set<number>();
  private shownKey = '';
  private showAll = false;
  private rowObserver?: { root: Element; io: IntersectionObserver };

  override connectedCallback(): void {
    super.connectedCallback();
    this.resizeObserver = new ResizeObserver((entries) => {
      const width = entries[0]?.contentRect.width ?? 1000;
      const narrow = width > 0 && width < NARROW_PX;
      if (narrow !== this.narrow) requestAnimationFrame(() => (this.narrow = narrow));
    });
    this.resizeObserver.observe(this);
    window.addEventListener('beforeprint', this.onBeforePrint);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
    this.rowObserver?.io.disconnect();
    this.rowObserver = undefined;
    this.observed = new WeakSet();
    window.removeEventListener('beforeprint', this.onBeforePrint);
  }

  /** Print every row: the page is laid out for print right after this returns. */
  private onBeforePrint = (): void => {
    if (this.showAll) return;
    this.showAll = true;
    this.requestUpdate();
    if (this.hasUpdated) this.performUpdate();
  };

  override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.toggleAttribute('data-narrow', this.narrow);
    const grid = this.renderRoot.querySelector('table.cal');
    if (grid && !grid.querySelector('.slot[tabindex="0"]')) grid.querySelector<HTMLElement>('.slot')?.setAttribute('tabindex', '0');
    this.observeRows(grid);
  }

  /** Watches the summary rows; one scrolling near (300 px) gets its slot buttons. */
  private observeRows(grid: Element | null): void {
    const pending = grid?.querySelectorAll('tr.ph');
    const root = this.renderRoot.querySelector('.main');
    if (!pending?.length || !root) {
      this.rowObserver?.io.disconnect();
      this.rowObserver = undefined;
      this.observed = new WeakSet();
      return;
    }
    if (this.rowObserver?.root !== root) {
      this.rowObserver?.io.disconnect();
      this.observed = new WeakSet();
      const io = new IntersectionObserver(
        (entries) => {
          let more = false;
          let inView = false;
          for (const e of entries) {
            if (!e.isIntersecting) continue;
            io.unobserve(e.target);
            const ri = Number((e.target as HTMLElement).dataset.r);
            if (!this.shownRows.has(ri)) (this.shownRows.add(ri), (more = true));
            // In the box itself, not only in the margin around it.
            const box = e.rootBounds;
            if (!box || (e.boundingClientRect.top < box.bottom - ROW_MARGIN_PX && e.boundingClientRect.bottom > box.top + ROW_MARGIN_PX)) inView = true;
          }
          // A row in view is drawn at once; rows only in the margin when the page is idle
          // (drawn before they scroll in, never inside the frame that shows the first paint).
          if (more && inView) this.requestUpdate();
          else if (more) (window.requestIdleCallback ?? ((f: () => void) => setTimeout(f, 50)))(() => this.requestUpdate());
        },
        { root, rootMargin: `${ROW_MARGIN_PX}px 0px` },
      );
      this.rowObserver = { root, io };
    }
    for (const tr of pending) {
      if (this.observed.has(tr)) continue;
      this.observed.add(tr);
      this.rowObserver.io.observe(tr);
    }
  }

  /** Summary rows already handed to the observer (re-renders keep the same row elements). */
  private observed = new WeakSet<Element>();

  /** Reloads from the adapter (after a booking made elsewhere). */
  refresh(): void {
    this.data.refresh(true);
  }

  /**
   * Shows bookings the embedder learned about (a push from the CRM, another tab) at once,
   * without a reload; only the rows of their resources are redrawn. The next load replaces them.
   */
  showBookings(bookings: readonly Booking[]): void {
    const base = this.data.value;
    if (!base || bookings.length === 0) return;
    const current = this.current(base);
    const ids = new Set(bookings.map((b) => b.id));
    this.added = { base, merged: { ...current, bookings: [...current.bookings.filter((b) => !ids.has(b.id)), ...bookings] } };
    this.requestUpdate();
  }

  private get party(): number {
    return this.clientList.length + Math.max(0, this.guests);
  }

  private get clientList(): string[] {
    return this.clients
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }

  /**
   * Slots per resource, recomputed only for resources whose bookings changed: after a booking
   * one resource's row is rebuilt, not the whole week.
   */
  private compute(d: BookingData): Computed {
    const key = [d, this.resourceType, this.range];
    if (this.computed && this.computed.key.every((k, i) => k === key[i])) return this.computed.value;
    const resources = d.resources.filter((r) => !this.resourceType || r.type === this.resourceType);
    const byResource = new Map<string, Booking[]>();
    for (const b of d.bookings) {
      let list = byResource.get(b.resourceId);
      if (!list) byResource.set(b.resourceId, (list = []));
      list.push(b);
    }
    const clocks = this.range === 'day' ? gridClocks(resources, d.dates) : [];
    const base = `${d.timeZone}|${d.dates[0]}|${d.dates.length}|${clocks.join(',')}|`;
    const cache = new Map<string, CachedRow>();
    for (const r of resources) {
      const own = byResource.get(r.id) ?? [];
      const hit = this.slotCache.get(r.id);
      // Field by field, no key strings: a first render has nothing to compare with.
      const row = hit && hit.res === r && hit.base === base && sameBookings(hit.own, own) ? hit : new CachedRow(r, base, own, d.dates, d.timeZone, clocks);
      cache.set(r.id, row);
    }
    this.slotCache = cache;
    const value: Computed = { resources, slots: { get: (id) => cache.get(id)?.perDay }, rows: cache, clocks };
    this.computed = { key, value };
    return value;
  }

  /** The loaded data with bookings made here merged in until the next reload brings them. */
  private current(d: BookingData): BookingData {
    if (!this.added || this.added.base !== d) return d;
    return this.added.merged;
  }

  override render(): unknown {
    return this.data.render({
      ...stateRenderers(this.loc, this.data as Ctrl),
      complete: (d) => this.renderComplete(this.current(d)),
    });
  }

  private renderComplete(d: BookingData): TemplateResult {
    const t = this.loc.t;
    return html`
      <div class="tabs" role="tablist" aria-label=${t.title}>
        ${BOOKING_VIEWS.map(
          (v) =>
            html`<button class="crm-button" type="button" role="tab" aria-selected=${this.view === v ? 'true' : 'false'} @click=${() => (this.view = v)}>
              ${t.views[v]}
            </button>`,
        )}
      </div>
      ${this.renderToolbar(d)} ${renderStatusBar(this.loc, this.data as Ctrl)}
      ${d.resources.length === 0
        ? renderEmpty(this.loc, t.noResources)
        : html`<div role="tabpanel" aria-label=${t.views[this.view]}>
            ${this.view === 'calendar' ? this.renderCalendarView(d) : this.view === 'reschedule' ? this.renderReschedule(d) : this.renderOccupancy(d)}
          </div>`}
    `;
  }

  private renderToolbar(d: BookingData): TemplateResult {
    const t = this.loc.t;
    const first = d.dates[0];
    const step = this.range === 'week' ? 7 : 1;
    const shift = (n: number) => {
      const [y, m, day] = first.split('-').map(Number);
      const next = new Date(Date.UTC(y, m - 1, day + n));
      this.date = next.toISOString().slice(0, 10);
    };
    return html`<div class="top" part="toolbar">
      <button class="crm-button" type="button" @click=${() => shift(-step)}>← ${t.previous}</button>
      <label class="field"
        >${t.date}<input type="date" .value=${first} @change=${(e: Event) => (this.date = (e.target as HTMLInputElement).value)}
      /></label>
      <button class="crm-button" type="button" @click=${() => shift(step)}>${t.next} →</button>
      <button class="crm-button" type="button" @click=${() => (this.date = '')}>${t.today}</button>
      <label class="field"
        >${t.week} / ${t.day}
        <select @change=${(e: Event) => (this.range = (e.target as HTMLSelectElement).value as BookingRange)}>
          <option value="week" ?selected=${this.range === 'week'}>${t.week}</option>
          <option value="day" ?selected=${this.range === 'day'}>${t.day}</option>
        </select>
      </label>
      <label class="field"
        >${t.resourceType}
        <select @change=${(e: Event) => (this.resourceType = (e.target as HTMLSelectElement).value as ResourceType | '')}>
          <option value="">${t.allTypes}</option>
          ${RESOURCE_TYPES.map((ty) => html`<option value=${ty} ?selected=${this.resourceType === ty}>${t.types[ty]}</option>`)}
        </select>
      </label>
      <span>${t.timeZoneNote(d.timeZone)}</span>
    </div>`;
  }

  // ---- calendar ------------------------------------------------------------------------------

  private resourceLabel(r: BookingResource): string {
    return r.type === 'manager' && r.kind ? `${r.name} (${this.loc.t.managerKind(r.kind)})` : r.name;
  }

  private dayLabel(date: CalendarDate, zone: string): string {
    void zone; // a calendar date reads the same in every zone
    const key = `${this.loc.lang}|${date}`;
    let label = dayLabels.get(key);
    if (label === undefined) {
      let f = dayFormats.get(this.loc.lang);
      if (!f) dayFormats.set(this.loc.lang, (f = new Intl.DateTimeFormat(this.loc.lang, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' })));
      label = f.format(Date.parse(`${date}T12:00:00Z`));
      if (dayLabels.size > 2_000) dayLabels.clear();
      dayLabels.set(key, label);
    }
    return label;
  }

  private overlayMemo?: { key: unknown[]; common?: Set<number>; blocked: Set<number> };

  /**
   * Where all chosen resources can take the party (`common`) and where one of them cannot
   * (`blocked`). Memoized, so rows keep their guard while nothing about the meeting changes.
   */
  private overlay(d: BookingData, c: Computed): { common?: Set<number>; blocked: Set<number> } {
    const key = [d, c, this.chosen, this.party];
    if (this.overlayMemo && this.overlayMemo.key.every((k, i) => k === key[i])) return this.overlayMemo;
    const chosenResources = [...this.chosen.values()].map((id) => d.resources.find((r) => r.id === id)).filter((r): r is BookingResource => !!r);
    const chosenSlots = new Map<string, Slot[]>();
    for (const r of chosenResources) chosenSlots.set(r.id, [...(c.slots.get(r.id)?.values() ?? [])].flat());
    // Slots of chosen resources not in the current filter still count for the overlay.
    for (const r of chosenResources) {
      if (chosenSlots.get(r.id)?.length) continue;
      chosenSlots.set(r.id, d.dates.flatMap((date) => daySlots(r, date, d.bookings, { timeZone: d.timeZone }).slots));
    }
    const common = chosenResources.length ? commonFreeStarts(chosenResources, chosenSlots, this.party) : undefined;
    const blocked = new Set<number>();
    for (const r of chosenResources) {
      const seats = seatsFor(r, this.party);
      for (const s of chosenSlots.get(r.id) ?? []) if (s.reason !== undefined || s.load + seats > s.capacity) blocked.add(s.start);
    }
    this.overlayMemo = { key, ...(common ? { common } : {}), blocked };
    return this.overlayMemo;
  }

  private renderCalendarView(d: BookingData): TemplateResult {
    const c = this.compute(d);
    const { common, blocked: rawBlocked } = this.overlay(d, c);
    const blocked = common ? rawBlocked : undefined;
    return html`<div class="layout">
      <div class="main">
        ${this.renderLegend()} ${this.range === 'week' ? this.renderWeek(d, c, common, blocked) : this.renderDay(d, c, common, blocked)}
      </div>
      ${this.renderMeetingPanel(d)}
    </div>`;
  }

  private renderLegend(): TemplateResult {
    const t = this.loc.t;
    return html`<ul class="legend" aria-label=${t.legend}>
      <li><span class="slot">${t.free}</span></li>
      <li><span class="slot full">${t.reasons.full}</span></li>
      <li><span class="slot over">${t.overbooked}</span></li>
      <li><span class="slot closed">${t.reasons.break}</span></li>
      <li><span class="slot common">${t.commonFree}</span></li>
      <li><span class="slot blocked">${t.busyForChosen}</span></li>
    </ul>`;
  }

  private slotButton(r: BookingResource, ri: number, di: number, si: number, s: Slot, zone: string, common?: Set<number>, blocked?: Set<number>): TemplateResult {
    const t = this.loc.t;
    const closed = s.reason !== undefined && s.reason !== 'full';
    const pressed = this.picked.get(r.id)?.has(s.start) ?? false;
    const cls = `slot${closed ? ' closed' : s.reason === 'full' ? ' full' : ''}${s.overbooked ? ' over' : ''}${common?.has(s.start) ? ' common' : blocked?.has(s.start) ? ' blocked' : ''}`;
    // The slot's own wall clock when the resource keeps the CRM's zone (no Intl call per slot).
    const time = (r.timeZone ?? zone) === zone ? s.clock : clockInZone(s.start, zone);
    const text = closed ? `${time} · ${t.reasons[s.reason as Exclude<typeof s.reason, undefined>]}` : t.slotText(time, s.load, s.capacity);
    // The load bar's width in tenths, as a class: no inline style to parse per slot.
    const tenth = Math.min(10, Math.round((s.load / Math.max(1, s.capacity)) * 10));
    // A div with role=button, not a <button>: 4,200 native buttons cost layout time; the
    // table's delegated handlers give it the keyboard (Enter, Space) and clicks. Closed slots
    // use their own template, so `aria-disabled` is static and every slot has four bindings.
    return closed
      ? html`<div role="button" class=${`${cls} l${tenth}`} data-k=${`${ri}-${di}-${si}`} tabindex="-1" aria-pressed=${pressed ? 'true' : 'false'} aria-disabled="true" aria-describedby="detail">${text}</div>`
      : html`<div role="button" class=${`${cls} l${tenth}`} data-k=${`${ri}-${di}-${si}`} tabindex="-1" aria-pressed=${pressed ? 'true' : 'false'} aria-disabled="false" aria-describedby="detail">${text}</div>`;
  }

  /**
   * Which rows get slot buttons now: on a new week, day, range or type filter, the rows that
   * fill the calendar's scroll box (estimated from slot counts), plus any already shown.
   */
  private rowsToShow(c: Computed, dates: readonly CalendarDate[]): Set<number> {
    const key = `${this.range}|${this.resourceType}|${dates[0]}|${c.resources.length}`;
    if (key !== this.shownKey) {
      this.shownKey = key;
      this.shownRows = new Set();
      // Rows until their estimated height fills the calendar's scroll box (75vh by default): what
      // the first paint shows. The rows in the observer's 300 px margin below follow right after
      // that paint, when the observer first reports.
      let budget = (typeof window === 'undefined' ? 1000 : window.innerHeight) * 0.75;
      for (let ri = 0; ri < c.resources.length && budget > 0; ri++) {
        this.shownRows.add(ri);
        budget -= this.rowSlotCount(c, ri, dates) * SLOT_PX + 8;
      }
    }
    return this.shownRows;
  }

  /** The most slots the row stacks in one day cell (its height in slots). */
  private rowSlotCount(c: Computed, ri: number, dates: readonly CalendarDate[]): number {
    void dates; // a row's counts are for the shown dates
    let n = 1;
    for (const x of c.rows.get(c.resources[ri].id)?.counts ?? []) n = Math.max(n, x.total);
    return n;
  }

  private rowHeader(r: BookingResource): TemplateResult {
    const t = this.loc.t;
    return html`<th scope="row">${this.resourceLabel(r)}<small>${t.types[r.type]}, ${t.capacity(r.capacity)}</small></th>`;
  }

  /**
   * A row not drawn yet: the resource and, per day, how many slots are free, at the height its
   * slot buttons will take (so the scrollbar does not jump). Scrolling near it draws it.
   */
  private placeholderRow(c: Computed, r: BookingResource, ri: number, dates: readonly CalendarDate[], labels: readonly string[]): TemplateResult {
    const t = this.loc.t;
    const counts = c.rows.get(r.id)?.counts ?? [];
    const summary = (di: number): string => {
      const n = counts[di];
      return !n || n.total === 0 ? t.reasons['day-off'] : t.freeOf(n.free, n.total);
    };
    const n = cssProps({ '--_bc-n': String(this.rowSlotCount(c, ri, dates)) });
    // One template per row, its header inlined (a week has seven days, a day view one): 45 rows
    // below the fold cost 45 template clones, not 405.
    return dates.length === 7
      ? html`<tr class="ph" data-r=${ri} ${n}>
          <th scope="row">${this.resourceLabel(r)}<small>${t.types[r.type]}, ${t.capacity(r.capacity)}</small></th><td data-day=${labels[0]}>${summary(0)}</td><td data-day=${labels[1]}>${summary(1)}</td><td data-day=${labels[2]}>${summary(2)}</td><td
            data-day=${labels[3]}
          >${summary(3)}</td><td data-day=${labels[4]}>${summary(4)}</td><td data-day=${labels[5]}>${summary(5)}</td><td data-day=${labels[6]}>${summary(6)}</td>
        </tr>`
      : html`<tr class="ph" data-r=${ri} ${n}>
          ${this.rowHeader(r)}${dates.map((_, di) => html`<td data-day=${labels[di]}>${summary(di)}</td>`)}
        </tr>`;
  }

  private renderWeek(d: BookingData, c: Computed, common?: Set<number>, blocked?: Set<number>): TemplateResult {
    const t = this.loc.t;
    const days = d.dates.map((date) => this.dayLabel(date, d.timeZone));
    const shown = this.rowsToShow(c, d.dates);
    return html`<table class="cal" part="calendar" aria-label=${t.gridLabel} @click=${this.onSlotClick} @keydown=${this.onSlotKey} @focusin=${this.onSlotFocus} @mouseover=${this.onSlotFocus}>
      <thead>
        <tr>
          <th scope="col">${t.resource}</th>
          ${days.map((label) => html`<th scope="col">${label}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${c.resources.map((r, ri) =>
          !this.showAll && !shown.has(ri)
            ? guard([c.rows.get(r.id), this.loc.lang, this.strings, ri, d.dates[0]], () => this.placeholderRow(c, r, ri, d.dates, days))
            : // A row re-renders only when its slots, its picked slots or the overlay change.
              guard([c.slots.get(r.id), this.picked.get(r.id), common, blocked, this.loc.lang, this.strings, ri, d.dates[0]], () => html`<tr>
                ${this.rowHeader(r)}
                ${d.dates.map((date, di) => {
                  const slots = c.slots.get(r.id)?.get(date) ?? [];
                  return html`<td data-day=${days[di]}>
                    ${slots.length === 0
                      ? html`<span class="dayoff">${t.reasons['day-off']}</span>`
                      : html`<div class="slots">${slots.map((s, si) => this.slotButton(r, ri, di, si, s, d.timeZone, common, blocked))}</div>`}
                  </td>`;
                })}
              </tr>`),
        )}
      </tbody>
    </table>`;
  }

  private renderDay(d: BookingData, c: Computed, common?: Set<number>, blocked?: Set<number>): TemplateResult {
    const t = this.loc.t;
    const date = d.dates[0];
    const label = this.dayLabel(date, d.timeZone);
    const shown = this.rowsToShow(c, d.dates);
    return html`<table class="cal" part="calendar" aria-label=${`${t.gridLabel}, ${label}`} @click=${this.onSlotClick} @keydown=${this.onSlotKey} @focusin=${this.onSlotFocus} @mouseover=${this.onSlotFocus}>
      <thead>
        <tr>
          <th scope="col">${t.resource}</th>
          <th scope="col">${label}</th>
        </tr>
      </thead>
      <tbody>
        ${c.resources.map((r, ri) => {
          if (!this.showAll && !shown.has(ri)) return this.placeholderRow(c, r, ri, d.dates, [label]);
          const slots = c.slots.get(r.id)?.get(date) ?? [];
          return html`<tr>
            ${this.rowHeader(r)}
            <td data-day=${label}><div class="slots">${slots.map((s, si) => this.slotButton(r, ri, 0, si, s, d.timeZone, common, blocked))}</div></td>
          </tr>`;
        })}
      </tbody>
    </table>`;
  }

  private slotAt(key: string | undefined): { r: BookingResource; s: Slot } | undefined {
    const d = this.data.value && this.current(this.data.value);
    if (!key || !d) return undefined;
    const c = this.compute(d);
    const [ri, di, si] = key.split('-').map(Number);
    const r = c.resources[ri];
    const s = r ? c.slots.get(r.id)?.get(d.dates[di])?.[si] : undefined;
    return r && s ? { r, s } : undefined;
  }

  private keyFromEvent(e: Event): string | undefined {
    return ((e.target as Element | null)?.closest?.('.slot[data-k]') as HTMLElement | null)?.dataset.k;
  }

  private onSlotFocus = (e: Event): void => {
    const key = this.keyFromEvent(e);
    if (key && key !== this.focusKey) this.focusKey = key;
  };

  private onSlotClick = (e: Event): void => {
    const key = this.keyFromEvent(e);
    const hit = this.slotAt(key);
    if (!hit) return;
    this.moveTo(key as string, false);
    const { r, s } = hit;
    if (s.reason !== undefined && s.reason !== 'full') return;
    const role = resourceRole(r);
    const chosen = new Map(this.chosen);
    const picked = new Map(this.picked);
    if (chosen.get(role) !== r.id) {
      const previous = chosen.get(role);
      if (previous) picked.delete(previous);
      chosen.set(role, r.id);
    }
    const set = new Set(picked.get(r.id) ?? []);
    if (set.has(s.start)) set.delete(s.start);
    else set.add(s.start);
    picked.set(r.id, set);
    this.chosen = chosen;
    this.picked = picked;
    this.message = undefined;
  };

  /** Arrows: ↑↓ slots of a day, ←→ days, Page Up/Down resources, Home/End first/last slot. */
  private onSlotKey = (e: KeyboardEvent): void => {
    const key = this.keyFromEvent(e);
    if (!key) return;
    const [ri, di, si] = key.split('-').map(Number);
    const d = this.data.value && this.current(this.data.value);
    if (!d) return;
    const c = this.compute(d);
    const count = (r: number, day: number) => c.slots.get(c.resources[r]?.id ?? '')?.get(d.dates[day])?.length ?? 0;
    let next: [number, number, number] | undefined;
    switch (e.key) {
      case 'ArrowDown':
        next = [ri, di, si + 1];
        break;
      case 'ArrowUp':
        next = [ri, di, si - 1];
        break;
      case 'ArrowRight':
        for (let x = di + 1; x < d.dates.length; x++) if (count(ri, x)) { next = [ri, x, Math.min(si, count(ri, x) - 1)]; break; }
        break;
      case 'ArrowLeft':
        for (let x = di - 1; x >= 0; x--) if (count(ri, x)) { next = [ri, x, Math.min(si, count(ri, x) - 1)]; break; }
        break;
      case 'PageDown':
        for (let x = ri + 1; x < c.resources.length; x++) if (count(x, di)) { next = [x, di, Math.min(si, count(x, di) - 1)]; break; }
        break;
      case 'PageUp':
        for (let x = ri - 1; x >= 0; x--) if (count(x, di)) { next = [x, di, Math.min(si, count(x, di) - 1)]; break; }
        break;
      case 'Enter':
      case ' ':
        e.preventDefault();
        this.onSlotClick(e);
        return;
      case 'Home':
        next = [ri, di, 0];
        break;
      case 'End':
        next = [ri, di, count(ri, di) - 1];
        break;
      default:
        return;
    }
    e.preventDefault();
    if (next && next[2] >= 0 && next[2] < count(next[0], next[1])) this.moveTo(next.join('-'));
  };

  private moveTo(key: string, focus = true): void {
    const ri = Number(key.split('-')[0]);
    if (!this.showAll && !this.shownRows.has(ri)) {
      // A key moved onto a summary row: draw its slots, then move.
      this.shownRows.add(ri);
      this.requestUpdate();
      void this.updateComplete.then(() => this.moveTo(key, focus));
      return;
    }
    const grid = this.renderRoot.querySelector('table.cal');
    const el = grid?.querySelector<HTMLElement>(`.slot[data-k="${key}"]`);
    if (!el) return;
    for (const old of grid!.querySelectorAll<HTMLElement>('.slot[tabindex="0"]')) old.tabIndex = -1;
    el.tabIndex = 0;
    if (focus) el.focus();
    this.focusKey = key;
  }

  private renderDetail(d: BookingData): TemplateResult {
    const t = this.loc.t;
    const hit = this.slotAt(this.focusKey);
    if (!hit) return html`<div class="detail" id="detail" part="detail">${t.hint}</div>`;
    const { r, s } = hit;
    const zone = d.timeZone;
    const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const time = `${clockInZone(s.start, zone)}–${clockInZone(s.end, zone)}`;
    const yours = browserZone && browserZone !== zone ? ` (${t.yourTime(`${clockInZone(s.start, browserZone)}–${clockInZone(s.end, browserZone)}`)})` : '';
    const state = s.overbooked ? t.overbooked : s.reason ? t.reasons[s.reason] : t.free;
    const who = s.bookings.map((b) => `${(b.clientNames ?? []).join(', ') || b.title} (${t.seats(b.seats)})`);
    return html`<div class="detail" id="detail" part="detail">
      <div><strong>${this.resourceLabel(r)}</strong>, ${this.dayLabel(s.date, zone)}, ${time}${yours}</div>
      <div>${t.slotText('', s.load, s.capacity).trim()} — ${state}</div>
      <div>${t.bookedBy}: ${who.length ? who.join('; ') : t.nobody}</div>
    </div>`;
  }

  // ---- meeting ---------------------------------------------------------------------------

  private meetingParts(d: BookingData): MeetingPart[] {
    const c = this.compute(d);
    const parts: MeetingPart[] = [];
    for (const id of this.chosen.values()) {
      const resource = d.resources.find((r) => r.id === id);
      if (!resource) continue;
      const starts = this.picked.get(id) ?? new Set<number>();
      const all = c.slots.get(id) ? [...(c.slots.get(id)?.values() ?? [])].flat() : d.dates.flatMap((date) => daySlots(resource, date, d.bookings, { timeZone: d.timeZone }).slots);
      parts.push({ resource, slots: all.filter((s) => starts.has(s.start)) });
    }
    return parts;
  }

  private problemText(d: BookingData, p: MeetingProblem): string {
    const t = this.loc.t;
    const r = d.resources.find((x) => x.id === p.resourceId);
    const name = r ? this.resourceLabel(r) : '';
    const when = p.start !== undefined ? `${this.dayLabel(dateInZone(p.start, d.timeZone), d.timeZone)} ${clockInZone(p.start, d.timeZone)}` : '';
    const detail =
      p.code === 'unavailable' && p.reason
        ? t.reasons[p.reason]
        : p.code === 'conflict'
          ? (p.bookings ?? []).map((b) => (b.clientNames ?? []).join(', ') || b.title).join('; ') || t.reasons.full
          : p.code === 'too-small' && r
            ? `${t.capacity(r.capacity)}, ${t.party(this.party)}`
            : '';
    return t.problems[p.code](name, when, detail);
  }

  private renderMeetingPanel(d: BookingData): TemplateResult {
    const t = this.loc.t;
    const recs = recommendResources(d.resources, this.party);
    const pickedCount = [...this.chosen.values()].reduce((n, id) => n + (this.picked.get(id)?.size ?? 0), 0);
    return html`<section class="panel" part="meeting" aria-label=${t.newMeeting}>
      <h3>${t.newMeeting}</h3>
      ${this.renderDetail(d)}
      <label class="field"
        >${t.clients} (${t.clientsHint})<input type="text" .value=${this.clients} @input=${(e: Event) => (this.clients = (e.target as HTMLInputElement).value)}
      /></label>
      <label class="field"
        >${t.guests}<input type="number" min="0" .value=${String(this.guests)} @input=${(e: Event) => (this.guests = Number((e.target as HTMLInputElement).value) || 0)}
      /></label>
      <label class="field"
        >${t.meetingTitle}<input type="text" .value=${this.subject} placeholder=${t.defaultTitle} @input=${(e: Event) => (this.subject = (e.target as HTMLInputElement).value)}
      /></label>
      <div>${t.party(this.party)}</div>
      <h3>${t.recommended}</h3>
      ${recs.map((rec) => {
        const label = rec.type === 'manager' ? t.managerKind(rec.role.slice('manager:'.length)) : t.types[rec.type];
        const current = this.chosen.get(rec.role) ?? '';
        return html`<label class="field"
          >${label}
          <select @change=${(e: Event) => this.choose(rec.role, (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${current === ''}>${t.none}</option>
            ${rec.fitting.map((r) => html`<option value=${r.id} ?selected=${current === r.id}>${r.name} (${r.capacity})</option>`)}
            ${rec.tooSmall.map((r) => html`<option value=${r.id} disabled>${r.name} — ${t.tooSmall(r.capacity)}</option>`)}
          </select>
        </label>`;
      })}
      <div>${t.chosenSlots(pickedCount)}</div>
      <div class="actions">
        <button class="crm-button" data-primary type="button" ?disabled=${this.busy} @click=${() => this.create(d)}>${t.create}</button>
        <button class="crm-button" type="button" @click=${() => this.clearMeeting()}>${t.clear}</button>
      </div>
      <div role="status" aria-live="polite">
        ${this.busy ? t.working : this.message?.kind === 'ok' ? html`<span class="ok">${this.message.texts[0]}</span>` : nothing}
      </div>
      ${this.message?.kind === 'error' ? html`<div role="alert"><ul class="problems">${this.message.texts.map((x) => html`<li>${x}</li>`)}</ul></div>` : nothing}
    </section>`;
  }

  private choose(role: string, id: string): void {
    const chosen = new Map(this.chosen);
    const picked = new Map(this.picked);
    const previous = chosen.get(role);
    if (previous) picked.delete(previous);
    if (id) chosen.set(role, id);
    else chosen.delete(role);
    this.chosen = chosen;
    this.picked = picked;
  }

  private clearMeeting(): void {
    this.chosen = new Map();
    this.picked = new Map();
    this.message = undefined;
  }

  /** The bookings on screen without the unsettled write's own (found after a reload). */
  private unsettledFree(bookings: readonly Booking[]): readonly Booking[] {
    const ids = this.unsettled?.bookings.map((b) => b.id);
    return ids ? bookings.filter((b) => !ids.includes(b.id)) : bookings;
  }

  private async create(d: BookingData): Promise<void> {
    const t = this.loc.t;
    const parts = this.meetingParts(d);
    const guests = this.party;
    const problems = checkMeeting(parts, this.unsettledFree(d.bookings), guests);
    if (problems.length) {
      this.message = { kind: 'error', texts: problems.map((p) => this.problemText(d, p)) };
      return;
    }
    const names = this.clientList;
    const drafted = meetingBookings(parts, {
      title: this.subject.trim() || t.defaultTitle,
      guests,
      clientRefs: [],
      ...(names.length ? { clientNames: names } : {}),
    });
    const key = JSON.stringify(drafted);
    const meetingId = randomGuid();
    const bookings =
      this.unsettled?.key === key ? this.unsettled.bookings : drafted.map((b) => ({ ...b, id: randomGuid(), meetingId }));
    const adapter = this.resolvedAdapter;
    if (!d.canWrite || !adapter) {
      const event = new CrmMeetingCreateEvent(bookings);
      this.dispatchEvent(event);
      this.message = event.defaultPrevented ? { kind: 'ok', texts: [t.handedOver] } : { kind: 'error', texts: [t.writeUnsupported] };
      return;
    }
    this.busy = true;
    try {
      const out = await createMeeting(adapter, parts, guests, bookings, d.dates, d.timeZone);
      const unknown = !out.ok && (out.error?.code === 'network' || out.error?.code === 'bad-response');
      this.unsettled = unknown ? { key, bookings } : undefined;
      if (out.ok) {
        this.message = { kind: 'ok', texts: [t.created(out.bookings.length)] };
        this.chosen = new Map();
        this.picked = new Map();
        // Show the new bookings at once; the reload that follows brings everyone else's too.
        this.showBookings(out.bookings);
        this.data.refresh(true);
      } else {
        const texts = out.problems.map((p) => this.problemText(d, p));
        this.message = { kind: 'error', texts: texts.length ? texts : [`${t.writeFailed}: ${out.error ? this.loc.core.errors[out.error.code] : ''}`] };
        this.data.refresh(true);
      }
    } finally {
      this.busy = false;
    }
  }

  // ---- reports ---------------------------------------------------------------------------

  private renderReschedule(d: BookingData): TemplateResult {
    const t = this.loc.t;
    const items = meetingsToReschedule(d.resources, d.bookings, { from: d.dates[0], to: d.dates[d.dates.length - 1], timeZone: d.timeZone });
    if (!items.length) return renderEmpty(this.loc, t.rescheduleNone);
    return html`<table part="report" aria-label=${t.rescheduleTitle}>
      <thead>
        <tr>
          <th scope="col">${t.when}</th>
          <th scope="col">${t.resource}</th>
          <th scope="col">${t.meeting}</th>
          <th scope="col">${t.reason}</th>
        </tr>
      </thead>
      <tbody>
        ${items.map(
          (i) => html`<tr>
            <td>${this.dayLabel(dateInZone(i.booking.start, d.timeZone), d.timeZone)} ${clockInZone(i.booking.start, d.timeZone)}–${clockInZone(i.booking.end, d.timeZone)}</td>
            <td>${i.resource ? this.resourceLabel(i.resource) : i.booking.resourceId}</td>
            <td>${i.booking.title}${i.booking.clientNames?.length ? ` — ${i.booking.clientNames.join(', ')}` : ''}</td>
            <td>${t.rescheduleReasons[i.reason]}</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  private renderOccupancy(d: BookingData): TemplateResult {
    const t = this.loc.t;
    const report = slotOccupancy(d.resources, d.bookings, {
      from: d.dates[0],
      to: d.dates[d.dates.length - 1],
      timeZone: d.timeZone,
      groupBy: this.groupBy,
      ...(this.resourceType ? { type: this.resourceType } : {}),
    });
    const names = new Map(d.resources.map((r) => [r.id, this.resourceLabel(r)]));
    const label = (key: string) =>
      this.groupBy === 'day' ? this.dayLabel(key, d.timeZone) : this.groupBy === 'type' ? t.types[key as ResourceType] ?? key : names.get(key) ?? key;
    const hours = report.heatmap.map((row, h) => ({ h, row })).filter((x) => x.row.some((v) => v !== null));
    return html`<label class="field"
        >${t.groupBy}
        <select @change=${(e: Event) => (this.groupBy = (e.target as HTMLSelectElement).value as OccupancyGroup)}>
          ${OCCUPANCY_GROUPS.map((g) => html`<option value=${g} ?selected=${this.groupBy === g}>${t.groups[g]}</option>`)}
        </select>
      </label>
      <table part="report" aria-label=${t.occupancyTitle}>
        <thead>
          <tr>
            <th scope="col">${t.groups[this.groupBy]}</th>
            <th scope="col">${t.slots}</th>
            <th scope="col">${t.total}</th>
            <th scope="col">${t.used}</th>
            <th scope="col">${t.remaining}</th>
            <th scope="col">${t.utilisation}</th>
          </tr>
        </thead>
        <tbody>
          ${[...report.rows, report.total].map(
            (row) => html`<tr>
              <th scope="row">${row === report.total ? t.total : label(row.key)}</th>
              <td class="num">${this.loc.number(row.slots)}</td>
              <td class="num">${this.loc.number(row.capacity)}</td>
              <td class="num">${this.loc.number(row.used)}</td>
              <td class="num">${this.loc.number(row.remaining)}</td>
              <td class="num">${this.loc.percent(row.utilisation)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      <h3>${t.heatmapTitle}</h3>
      <table class="heat" part="report" aria-label=${t.heatmapTitle}>
        <thead>
          <tr>
            <th scope="col">${t.hour}</th>
            ${t.weekdays.map((w) => html`<th scope="col">${w}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${hours.map(
            ({ h, row }) => html`<tr>
              <th scope="row">${String(h).padStart(2, '0')}:00</th>
              ${row.map((v) => {
                const level = v === null ? -1 : Math.min(4, Math.floor(v * 5));
                return html`<td
                  data-level=${level}
                  ${cssProps(v === null ? {} : { background: `rgb(var(--_bc-heat) / ${(0.06 + v * 0.5).toFixed(2)})` })}
                >${v === null ? t.closed : this.loc.percent(v)}</td>`;
              })}
            </tr>`,
          )}
        </tbody>
      </table>`;
  }
}
