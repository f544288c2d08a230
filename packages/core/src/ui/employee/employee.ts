import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { safeImageUrl } from '../../base/safe-url.js';
import { CrmElement } from '../../base/element.js';
import type { DeepPartial } from '../../i18n/deep-merge.js';
import { en as coreEn } from '../../i18n/en.js';
import { LocalizeController } from '../../i18n/localize-controller.js';
import { ru as coreRu } from '../../i18n/ru.js';
import type { CoreTranslation } from '../../i18n/translation.js';
import type { Id } from '../../model/common.js';
import type { Department, Employee } from '../../model/people.js';
import { employeeStyles } from './employee.styles.js';

/**
 * Floating UI is loaded when a card first opens, not with the element: most rows' names are never
 * hovered, and the library is a third of a widget's size budget before first render.
 */
let floatingUi: Promise<typeof import('@floating-ui/dom')> | undefined;
function loadFloatingUi(): Promise<typeof import('@floating-ui/dom')> {
  floatingUi ??= import('@floating-ui/dom');
  return floatingUi;
}

/** Department names by id: a map of departments or names, or a plain object of names. */
export type DepartmentLookup = ReadonlyMap<Id, Department | string> | Readonly<Record<Id, string | Department>>;

/** Names of an employee's departments that the lookup knows, in the employee's order. */
export function departmentNames(employee: Pick<Employee, 'departmentIds'>, lookup: DepartmentLookup | undefined): string[] {
  if (!lookup) return [];
  const get = (id: Id): Department | string | undefined =>
    lookup instanceof Map ? lookup.get(id) : (lookup as Readonly<Record<Id, string | Department>>)[id];
  return (employee.departmentIds ?? [])
    .map((id) => get(id))
    .map((d) => (typeof d === 'string' ? d : d?.name))
    .filter((n): n is string => !!n);
}

/** "Петров Иван Сергеевич" from the name parts when the CRM gave them, else the display name. */
export function fullName(e: Pick<Employee, 'name' | 'firstName' | 'lastName' | 'secondName'>): string {
  const parts = [e.lastName, e.firstName, e.secondName].filter((p) => p && p.trim());
  return parts.length >= 2 ? parts.join(' ') : e.name;
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('');
}

const SHOW_DELAY = 150;
const HIDE_DELAY = 200;
let uid = 0;

/**
 * An employee's name; hovering or focusing it shows a card with the full name, department,
 * position, photo, phone and e-mail. Where the CRM gives only the name, the card shows only the
 * name. Escape closes the card; pointer can move onto the card without it closing (WCAG 1.4.13).
 *
 * The card holds plain text only (phone and e-mail are selectable text, not links), so it is a
 * `role="tooltip"` described-by the name's button, named by the dictionary's `employeeCard`.
 * Touch users tap the name to show it; tapping elsewhere hides it. It is positioned with Floating UI; its `autoUpdate`
 * is cleaned up when the card hides and when the element leaves the page.
 *
 * @summary Employee name with a hover/focus card (department, position, photo, phone, e-mail).
 * @csspart name - The name button.
 * @csspart card - The hover card.
 * @cssprop [--crm-employee-card-width=18rem] - Maximum width of the card.
 * @cssprop [--crm-employee-avatar-size=48px] - Size of the photo.
 */
export class CrmEmployee extends CrmElement {
  static override styles = [...CrmElement.styles, employeeStyles];

  /** The employee to show (name, position, photo, contacts); wins over `name`. */
  @property({ attribute: false }) employee?: Employee;

  /** Department names by id, when the caller did not resolve them. */
  @property({ attribute: false }) departments?: DepartmentLookup;

  /** A name to show when no `employee` object is at hand. */
  @property() name = '';

  /** Overrides of the core strings used here. */
  @property({ attribute: false }) strings?: DeepPartial<CoreTranslation>;

  /** Whether the card is shown. */
  @state() open = false;

  private readonly localize = new LocalizeController<CoreTranslation>(this, { ru: coreRu, en: coreEn }, () => this.strings);
  private readonly cardId = `crm-employee-card-${++uid}`;
  private cleanupPosition?: () => void;
  private showTimer?: ReturnType<typeof setTimeout>;
  private hideTimer?: ReturnType<typeof setTimeout>;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.clearTimers();
    this.stopPositioning();
    document.removeEventListener('keydown', this.onDocumentKeydown);
    this.open = false;
  }

  /** The employee as shown: the object, or a name-only stand-in built from `name`. */
  private get person(): Employee | undefined {
    if (this.employee) return this.employee;
    const name = this.name.trim();
    return name ? { id: '', name, departmentIds: [], active: true } : undefined;
  }

  show(): void {
    this.clearTimers();
    if (this.person) this.open = true;
  }

  hide(): void {
    this.clearTimers();
    this.open = false;
  }

  private clearTimers(): void {
    clearTimeout(this.showTimer);
    clearTimeout(this.hideTimer);
  }

  private scheduleShow = (): void => {
    clearTimeout(this.hideTimer);
    if (this.open) return;
    clearTimeout(this.showTimer);
    this.showTimer = setTimeout(() => this.show(), SHOW_DELAY);
  };

  private scheduleHide = (): void => {
    clearTimeout(this.showTimer);
    clearTimeout(this.hideTimer);
    this.hideTimer = setTimeout(() => this.hide(), HIDE_DELAY);
  };

  private onDocumentKeydown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && this.open) {
      e.stopPropagation();
      this.hide();
    }
  };

  private onFocusOut = (e: FocusEvent): void => {
    const next = e.relatedTarget as Node | null;
    if (!next || !this.renderRoot.contains(next)) this.hide();
  };

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('open')) return;
    if (this.open) {
      document.addEventListener('keydown', this.onDocumentKeydown);
      this.startPositioning();
    } else {
      document.removeEventListener('keydown', this.onDocumentKeydown);
      this.stopPositioning();
    }
  }

  private startPositioning(): void {
    const trigger = this.renderRoot.querySelector<HTMLElement>('.name');
    const card = this.renderRoot.querySelector<HTMLElement>('.card');
    if (!trigger || !card) return;
    this.stopPositioning();
    this.positionPending = true;
    void loadFloatingUi().then(({ autoUpdate, computePosition, flip, offset, shift }) => {
      // Closed (or reopened) while Floating UI was loading: this request is stale.
      if (!this.positionPending || !this.open || !card.isConnected) return;
      this.positionPending = false;
      this.cleanupPosition = autoUpdate(trigger, card, () => {
        void computePosition(trigger, card, {
          strategy: 'fixed',
          placement: 'bottom-start',
          middleware: [offset(6), flip(), shift({ padding: 8 })],
        }).then(({ x, y }) => {
          card.style.left = `${x}px`;
          card.style.top = `${y}px`;
        });
      });
    });
  }

  private stopPositioning(): void {
    this.positionPending = false;
    this.cleanupPosition?.();
    this.cleanupPosition = undefined;
  }

  /** True while Floating UI tracks the card (for tests of the cleanup). */
  get positioning(): boolean {
    return this.cleanupPosition !== undefined || this.positionPending;
  }

  private positionPending = false;

  private renderCard(e: Employee): TemplateResult {
    const t = this.localize.t;
    const photo = safeImageUrl(e.photoUrl);
    const name = fullName(e);
    const rows: [string, string | undefined][] = [
      [t.department, departmentNames(e, this.departments).join(', ') || undefined],
      [t.position, e.position],
      [t.phone, e.phone],
      [t.email, e.email],
    ];
    const present = rows.filter((r): r is [string, string] => !!r[1]?.trim());
    return html`<div
      id=${this.cardId}
      class="card"
      part="card"
      role="tooltip"
      aria-label=${t.employeeCard(name)}
      @mouseenter=${() => clearTimeout(this.hideTimer)}
      @mouseleave=${this.scheduleHide}
    >
      ${photo ? html`<img class="avatar" src=${photo} alt="" />` : html`<span class="avatar" aria-hidden="true">${initials(name)}</span>`}
      <div>
        <div class="full">${name}</div>
        ${present.length
          ? html`<dl>
              ${present.map(([label, value]) => html`<dt>${label}</dt><dd>${value}</dd>`)}
            </dl>`
          : nothing}
      </div>
    </div>`;
  }

  protected override render(): TemplateResult {
    const e = this.person;
    if (!e) return html`<span class="unset">${this.localize.t.notSet}</span>`;
    return html`<button
        class="name"
        part="name"
        type="button"
        aria-describedby=${this.open ? this.cardId : nothing}
        @mouseenter=${this.scheduleShow}
        @mouseleave=${this.scheduleHide}
        @focus=${() => this.show()}
        @focusout=${this.onFocusOut}
        @click=${() => this.show()}
        @keydown=${(ev: KeyboardEvent) => {
          if (ev.key === 'Escape' && this.open) {
            ev.stopPropagation();
            this.hide();
          }
        }}
      >
        ${e.name}</button
      >${this.open ? this.renderCard(e) : nothing}`;
  }
}
