import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Filter } from '../../adapter/query.js';
import { CrmElement } from '../../base/element.js';
import { CrmFilterChangeEvent } from '../../events/filter-change.js';
import type { DeepPartial } from '../../i18n/deep-merge.js';
import { en as coreEn } from '../../i18n/en.js';
import { LocalizeController } from '../../i18n/localize-controller.js';
import { ru as coreRu } from '../../i18n/ru.js';
import { DATE_PRESET_KEYS, type CoreTranslation, type DatePresetKey } from '../../i18n/translation.js';
import type { FieldDefinition } from '../../model/fields.js';
import type { Employee } from '../../model/people.js';
import { filterBarStyles } from './filter-bar.styles.js';
import {
  buildFilter,
  editorFor,
  EMPTY_FILTER_BAR_VALUE,
  type EntityTypeOption,
  type FieldConditionValue,
  type FilterBarValue,
} from './filter-model.js';

let uid = 0;

/**
 * The shared filter bar: entity-type chips with counts, a date range with presets or custom
 * days, an employee, a search box, and conditions on any field including custom fields
 * (enumerations chosen by option label, text contains, number and money ranges, date ranges,
 * yes/no). Every change fires `crm-filter-change` with a core `Filter` and the search text; the
 * widget applies it (the bar never filters by itself).
 *
 * Dates resolve on the CRM's wall clock (`time-zone`), as half-open ranges on `date-field`.
 *
 * @summary Filter bar: entity types, date presets, employee, search, any-field conditions.
 * @csspart form - The bar.
 * @csspart reset - The "reset filters" button.
 * @cssprop [--crm-filter-chip-radius=999px] - Corner radius of the type chips.
 * @fires {CrmFilterChangeEvent} crm-filter-change - Conditions or search text changed.
 */
export class CrmFilterBar extends CrmElement {
  static override styles = [...CrmElement.styles, filterBarStyles];

  /** Entity-type chips; none pressed means all types. */
  @property({ attribute: false }) entityTypes: readonly EntityTypeOption[] = [];

  /** Employees for the employee select; the select hides when empty. */
  @property({ attribute: false }) employees: readonly Employee[] = [];

  /** Fields a person may add conditions on (built-in and custom). */
  @property({ attribute: false }) fields: readonly FieldDefinition[] = [];

  /** Presets offered, in order. */
  @property({ attribute: false }) presets: readonly DatePresetKey[] = DATE_PRESET_KEYS;

  /** The record property the type chips filter on. */
  @property({ attribute: 'type-field' }) typeField = 'kind';
  /** The record property the date range filters on. */
  @property({ attribute: 'date-field' }) dateField = 'createdAt';
  /** The record property the employee select filters on. */
  @property({ attribute: 'employee-field' }) employeeField = 'responsibleId';
  /** IANA zone of the CRM for date presets; default the browser's. */
  @property({ attribute: 'time-zone' }) timeZone = '';
  /** Hide the search box. */
  @property({ type: Boolean, attribute: 'no-search' }) noSearch = false;

  /** Everything set in the bar; assign to restore a saved view. */
  @property({ attribute: false }) value: FilterBarValue = EMPTY_FILTER_BAR_VALUE;

  /** Overrides of the core strings used here. */
  @property({ attribute: false }) strings?: DeepPartial<CoreTranslation>;

  /** "Now" for presets; tests pin it. */
  @property({ attribute: false }) now?: number;

  @state() private adding = '';

  private readonly localize = new LocalizeController<CoreTranslation>(this, { ru: coreRu, en: coreEn }, () => this.strings);
  private readonly uidPrefix = `crm-filter-${++uid}`;

  /** The core filter of the current value. */
  get filter(): Filter {
    return buildFilter(this.value, {
      typeField: this.typeField,
      dateField: this.dateField,
      employeeField: this.employeeField,
      fields: this.fields,
      now: this.now ?? Date.now(),
      timeZone: this.timeZone || Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
  }

  /** Clears every control and fires `crm-filter-change`. */
  reset(): void {
    this.commit({ ...EMPTY_FILTER_BAR_VALUE });
  }

  private commit(value: FilterBarValue): void {
    this.value = value;
    this.dispatchEvent(new CrmFilterChangeEvent(this.filter, value.search));
  }

  private patch(patch: Partial<FilterBarValue>): void {
    this.commit({ ...this.value, ...patch });
  }

  private patchCondition(code: string, patch: Partial<FieldConditionValue>): void {
    this.patch({ conditions: this.value.conditions.map((c) => (c.code === code ? { ...c, ...patch } : c)) });
  }

  private toggleType(key: string): void {
    const types = this.value.types.includes(key) ? this.value.types.filter((t) => t !== key) : [...this.value.types, key];
    this.patch({ types });
  }

  private addCondition(code: string): void {
    this.adding = '';
    if (!code || this.value.conditions.some((c) => c.code === code)) return;
    this.patch({ conditions: [...this.value.conditions, { code }] });
    void this.updateComplete.then(() => {
      const row = this.renderRoot.querySelector<HTMLElement>(`[data-code="${CSS.escape(code)}"]`);
      row?.querySelector<HTMLElement>('input, select, button:not(.remove)')?.focus();
    });
  }

  private removeCondition(code: string): void {
    this.patch({ conditions: this.value.conditions.filter((c) => c.code !== code) });
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('select.add')?.focus());
  }

  private renderTypes(): TemplateResult | typeof nothing {
    if (!this.entityTypes.length) return nothing;
    const t = this.localize.t;
    return html`<fieldset>
      <legend>${t.entityTypes}</legend>
      <div class="chips">
        ${this.entityTypes.map((o) => {
          const pressed = this.value.types.includes(o.key);
          return html`<button type="button" class="chip" aria-pressed=${pressed ? 'true' : 'false'} @click=${() => this.toggleType(o.key)}>
            <span>${o.label}</span> ${o.count !== undefined ? html`<span class="count">${this.localize.number(o.count)}</span>` : nothing}
          </button>`;
        })}
      </div>
    </fieldset>`;
  }

  private renderPeriod(): TemplateResult {
    const t = this.localize.t;
    const v = this.value;
    return html`<label>
        <span class="label">${t.period}</span>
        <select class="preset" @change=${(e: Event) => this.patch({ preset: (e.target as HTMLSelectElement).value as DatePresetKey })}>
          ${this.presets.map((k) => html`<option value=${k} ?selected=${k === v.preset}>${t.datePresets[k]}</option>`)}
        </select>
      </label>
      ${v.preset === 'custom'
        ? html`<div class="pair">
            <label><span class="label">${t.dateFrom}</span
              ><input type="date" class="from" .value=${v.from ?? ''} @change=${(e: Event) => this.patch({ from: (e.target as HTMLInputElement).value || undefined })}
            /></label>
            <label><span class="label">${t.dateTo}</span
              ><input type="date" class="to" .value=${v.to ?? ''} @change=${(e: Event) => this.patch({ to: (e.target as HTMLInputElement).value || undefined })}
            /></label>
          </div>`
        : nothing}`;
  }

  private renderEmployee(): TemplateResult | typeof nothing {
    if (!this.employees.length) return nothing;
    const t = this.localize.t;
    return html`<label>
      <span class="label">${t.employee}</span>
      <select class="employee" @change=${(e: Event) => this.patch({ employee: (e.target as HTMLSelectElement).value })}>
        <option value="" ?selected=${!this.value.employee}>${t.anyEmployee}</option>
        ${this.employees.map((e) => html`<option value=${e.id} ?selected=${e.id === this.value.employee}>${e.name}</option>`)}
      </select>
    </label>`;
  }

  private renderSearch(): TemplateResult | typeof nothing {
    if (this.noSearch) return nothing;
    const t = this.localize.t;
    return html`<label>
      <span class="label">${t.search}</span>
      <input type="search" class="search" .value=${this.value.search} @input=${(e: Event) => this.patch({ search: (e.target as HTMLInputElement).value })} />
    </label>`;
  }

  private renderEditor(def: FieldDefinition, c: FieldConditionValue): TemplateResult {
    const t = this.localize.t;
    const num = (e: Event): number | undefined => {
      const text = (e.target as HTMLInputElement).value;
      return text === '' ? undefined : Number(text);
    };
    switch (editorFor(def.type)) {
      case 'options': {
        const options =
          def.type === 'employee' ? this.employees.map((e) => ({ id: e.id, label: e.name })) : (def.options ?? []).map((o) => ({ id: o.id, label: o.label }));
        const chosen = c.options ?? [];
        return html`<div class="chips" role="group" aria-label=${def.label}>
          ${options.map((o) => {
            const pressed = chosen.includes(o.id);
            return html`<button
              type="button"
              class="chip"
              aria-pressed=${pressed ? 'true' : 'false'}
              @click=${() => this.patchCondition(def.code, { options: pressed ? chosen.filter((x) => x !== o.id) : [...chosen, o.id] })}
            >
              ${o.label}
            </button>`;
          })}
        </div>`;
      }
      case 'text':
        return html`<label
          ><span class="label">${t.contains}</span
          ><input type="text" .value=${c.text ?? ''} @input=${(e: Event) => this.patchCondition(def.code, { text: (e.target as HTMLInputElement).value })}
        /></label>`;
      case 'range':
        return html`<div class="pair">
          <label
            ><span class="label">${t.rangeFrom}</span
            ><input type="number" step="any" .value=${c.min?.toString() ?? ''} @change=${(e: Event) => this.patchCondition(def.code, { min: num(e) })}
          /></label>
          <label
            ><span class="label">${t.rangeTo}</span
            ><input type="number" step="any" .value=${c.max?.toString() ?? ''} @change=${(e: Event) => this.patchCondition(def.code, { max: num(e) })}
          /></label>
        </div>`;
      case 'dates':
        return html`<div class="pair">
          <label
            ><span class="label">${t.dateFrom}</span
            ><input type="date" .value=${c.from ?? ''} @change=${(e: Event) => this.patchCondition(def.code, { from: (e.target as HTMLInputElement).value || undefined })}
          /></label>
          <label
            ><span class="label">${t.dateTo}</span
            ><input type="date" .value=${c.to ?? ''} @change=${(e: Event) => this.patchCondition(def.code, { to: (e.target as HTMLInputElement).value || undefined })}
          /></label>
        </div>`;
      case 'boolean':
        return html`<label
          ><span class="label">${t.value}</span>
          <select
            @change=${(e: Event) => {
              const v = (e.target as HTMLSelectElement).value;
              this.patchCondition(def.code, { bool: v === '' ? undefined : v === 'true' });
            }}
          >
            <option value="" ?selected=${c.bool === undefined}>${t.anyValue}</option>
            <option value="true" ?selected=${c.bool === true}>${t.yes}</option>
            <option value="false" ?selected=${c.bool === false}>${t.no}</option>
          </select></label
        >`;
      case 'filled':
        return html`<label class="pair"
          ><input type="checkbox" .checked=${c.filled ?? false} @change=${(e: Event) => this.patchCondition(def.code, { filled: (e.target as HTMLInputElement).checked })} />
          ${t.filled}</label
        >`;
    }
  }

  private renderConditions(): TemplateResult | typeof nothing {
    if (!this.fields.length) return nothing;
    const t = this.localize.t;
    const used = new Set(this.value.conditions.map((c) => c.code));
    const free = this.fields.filter((f) => !used.has(f.code));
    return html`<div class="conditions">
      ${this.value.conditions.map((c) => {
        const def = this.fields.find((f) => f.code === c.code);
        if (!def) return nothing;
        return html`<div class="condition" data-code=${def.code} role="group" aria-labelledby=${`${this.uidPrefix}-${def.code}`}>
          <span class="condition-name" id=${`${this.uidPrefix}-${def.code}`}>${def.label}</span>
          ${this.renderEditor(def, c)}
          <button type="button" class="button remove" aria-label=${t.removeCondition(def.label)} @click=${() => this.removeCondition(def.code)}>✕</button>
        </div>`;
      })}
      ${free.length
        ? html`<label
            ><span class="label">${t.fieldConditions}</span>
            <select class="add" .value=${this.adding} @change=${(e: Event) => this.addCondition((e.target as HTMLSelectElement).value)}>
              <option value="" ?selected=${this.adding === ''}>${t.addCondition}…</option>
              ${free.map((f) => html`<option value=${f.code}>${f.label}</option>`)}
            </select></label
          >`
        : nothing}
    </div>`;
  }

  protected override render(): TemplateResult {
    const t = this.localize.t;
    return html`<form part="form" role="search" aria-label=${t.filters} @submit=${(e: Event) => e.preventDefault()}>
      ${this.renderTypes()} ${this.renderPeriod()} ${this.renderEmployee()} ${this.renderSearch()}
      <button type="button" class="button reset" part="reset" @click=${() => this.reset()}>${t.resetFilters}</button>
      ${this.renderConditions()}
    </form>`;
  }
}
