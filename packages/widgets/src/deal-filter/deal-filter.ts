import {
  CrmDataController,
  CrmElement,
  dealFilterFields,
  encodeView,
  findField,
  loadSavedViews,
  LocalizeController,
  newCondition,
  opsForType,
  removeSavedView,
  savedViewsKey,
  stateRenderers,
  stateStyles,
  storeSavedViews,
  tryDecodeView,
  upsertSavedView,
  type ConditionOp,
  type DateSpec,
  type DeepPartial,
  type Employee,
  type FieldCondition,
  type FieldDefinition,
  type FilterField,
  type Funnel,
  type LoadContext,
  type Product,
  type SavedView,
} from '@crmkit/core';
import { css, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { CrmDealFilterChangeEvent } from '../events/deal-filter.js';
import { dealFilterStrings, type DealFilterStrings } from './deal-filter.strings.js';
import { containerFitStyles } from '../container-fit.styles.js';

interface FilterData {
  readonly fieldDefinitions: readonly FieldDefinition[];
  readonly funnels: readonly Funnel[];
  readonly employees: readonly Employee[];
  readonly products: readonly Product[];
  readonly origin: string;
  readonly userId: string;
}

/** Presets a date condition offers. */
export const DEAL_FILTER_PRESETS = ['thisMonth', 'next3Months', 'lastMonth', 'thisQuarter', 'thisYear', 'next30', 'last30', 'today', 'custom'] as const;

async function loadFilterData(ctx: LoadContext): Promise<FilterData> {
  const { adapter, signal } = ctx;
  const identity = await adapter.identity({ signal });
  const caps = await adapter.capabilities({ signal });
  const can = (e: keyof typeof caps.entities) => caps.entities[e]?.read === true;
  const [fieldDefinitions, funnels, employees, products] = await Promise.all([
    can('fieldDefinition') ? adapter.list('fieldDefinition', { filter: [{ field: 'owner', op: 'eq', value: 'deal' }] }, { signal }).then((r) => r.items) : [],
    can('funnel') ? adapter.list('funnel', {}, { signal }).then((r) => r.items) : [],
    can('employee') ? adapter.list('employee', {}, { signal }).then((r) => r.items) : [],
    can('product') ? adapter.list('product', {}, { signal }).then((r) => r.items) : [],
  ]);
  signal.throwIfAborted();
  return { fieldDefinitions, funnels, employees, products, origin: identity.origin, userId: identity.userId };
}

const styles = css`
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: var(--_crm-space-2);
  }
  li.cond {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_crm-space-2);
    align-items: flex-start;
    border: 1px solid var(--_crm-border);
    border-radius: var(--_crm-radius);
    padding: var(--_crm-space-2);
  }
  .name {
    font-weight: 600;
    min-inline-size: 8rem;
    overflow-wrap: anywhere;
  }
  fieldset {
    border: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 2px var(--_crm-space-3);
    max-block-size: 10rem;
    overflow: auto;
    min-inline-size: 0;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_crm-space-2);
    align-items: end;
    margin-block: var(--_crm-space-2);
  }
  label.stack {
    display: flex;
    flex-direction: column;
    gap: 2px;
    min-inline-size: 0;
    max-inline-size: 100%;
  }
  input,
  select {
    font: inherit;
    color: var(--_crm-fg);
    background: var(--_crm-bg);
    border: 1px solid var(--_crm-border);
    border-radius: var(--_crm-radius);
    padding: 2px 6px;
    max-inline-size: 100%;
  }
  input[type='number'] {
    inline-size: 8em;
  }
  .hint {
    color: var(--_crm-fg-muted);
    margin: 0;
  }
  .live {
    color: var(--_crm-success);
    min-block-size: 1.2em;
  }
`;

/**
 * Builds a filter over every field of a deal, custom fields included: enumerations chosen by
 * label (several values, "all of" for multiple fields), strings, numbers and money, dates with
 * presets ("this month", "next 3 months") or a range, booleans, employees, CRM links. Named
 * views are saved per user in this browser; the current view is a URL-safe string (`view`),
 * and with `for` it drives another widget's `view` (`<crm-forgotten-deals>`,
 * `<crm-registry-conversion>`).
 *
 * @summary A filter builder over any deal field with saved views.
 * @csspart conditions - The list of conditions.
 * @csspart add - The "add condition" row.
 * @csspart views - Saved views.
 * @csspart loading - Progress while the fields load.
 * @csspart error - Shown when loading the fields failed.
 * @csspart empty - Shown when there is nothing to show.
 * @csspart status - The "data as of" line with the refresh button.
 * @fires {CrmDealFilterChangeEvent} crm-deal-filter-change - The conditions changed.
 */
export class CrmDealFilter extends CrmElement {
  static override styles = [...CrmElement.styles, stateStyles, containerFitStyles, styles];

  /** The current view string; set it to load a view, read it (or listen) for the result. */
  @property() view = '';

  /** Id of an element in the same document or shadow root whose `view` this filter sets. */
  @property() for = '';

  /** Which widget the saved views belong to (views are kept per scope, origin and user). */
  @property() scope = 'deals';

  /** Overrides of this widget's strings (deep-merged over the language's dictionary). */
  @property({ attribute: false }) strings?: DeepPartial<DealFilterStrings>;

  @state() private adding = '';
  @state() private views: SavedView[] = [];
  @state() private message = '';

  private readonly localize = new LocalizeController<DealFilterStrings>(this, dealFilterStrings, () => this.strings);
  private readonly data = new CrmDataController<FilterData, readonly []>(this, {
    args: () => [],
    load: async (ctx) => {
      const d = await loadFilterData(ctx);
      this.views = loadSavedViews(globalThis.localStorage, savedViewsKey(this.scope, d.origin, d.userId));
      return d;
    },
  });

  /** The conditions of the current `view`, decoded (empty when the view string is empty or invalid). */
  get conditions(): readonly FieldCondition[] {
    const r = this.view ? tryDecodeView(this.view) : undefined;
    return r && 'view' in r ? r.view.conditions : [];
  }

  private fields(d: FilterData): FilterField[] {
    return dealFilterFields({ ...d, labels: this.localize.t.builtInLabels });
  }

  private commit(conditions: readonly FieldCondition[]): void {
    this.view = conditions.length ? encodeView({ conditions }) : '';
    this.dispatchEvent(new CrmDealFilterChangeEvent(this.view, conditions));
    if (this.for) {
      const root = this.getRootNode() as Document | ShadowRoot;
      const target = root.getElementById?.(this.for) as (HTMLElement & { view?: string }) | null;
      if (target) target.view = this.view;
    }
  }

  private update1(i: number, next: FieldCondition): void {
    const list = [...this.conditions];
    list[i] = next;
    this.commit(list);
  }

  override render(): unknown {
    return this.data.render({ ...stateRenderers(this.localize, this.data as never), complete: (d) => this.renderBuilder(d) });
  }

  private renderBuilder(d: FilterData): TemplateResult {
    const t = this.localize.t;
    const fields = this.fields(d);
    const conds = this.conditions;
    const builtIn = fields.filter((f) => f.builtIn);
    const custom = fields.filter((f) => !f.builtIn);
    return html`<section aria-label=${t.title}>
      ${conds.length
        ? html`<ul part="conditions">
            ${conds.map((c, i) => this.renderCondition(c, i, findField(fields, c.field.code, c.field.label), d))}
          </ul>`
        : html`<p class="hint">${t.noConditions}</p>`}
      <div class="row" part="add">
        <label class="stack"
          >${t.addCondition}
          <select .value=${this.adding} @change=${(e: Event) => (this.adding = (e.target as HTMLSelectElement).value)}>
            <option value="">${t.chooseField}</option>
            <optgroup label=${t.builtInFields}>${builtIn.map((f) => html`<option value=${f.code}>${f.label}</option>`)}</optgroup>
            ${custom.length ? html`<optgroup label=${t.customFields}>${custom.map((f) => html`<option value=${f.code}>${f.label}</option>`)}</optgroup>` : nothing}
          </select></label
        >
        <button
          class="crm-button"
          type="button"
          ?disabled=${!this.adding}
          @click=${() => {
            const f = fields.find((x) => x.code === this.adding);
            if (!f) return;
            this.commit([...conds, newCondition(f)]);
            this.adding = '';
          }}
        >
          ${t.add}
        </button>
        ${conds.length ? html`<button class="crm-button" type="button" @click=${() => this.commit([])}>${t.clear}</button>` : nothing}
      </div>
      ${this.renderViews(d)}
      <div class="live" role="status" aria-live="polite">${this.message}</div>
    </section>`;
  }

  private renderCondition(c: FieldCondition, i: number, f: FilterField | undefined, d: FilterData): TemplateResult {
    const t = this.localize.t;
    const label = f?.label ?? c.field.label ?? c.field.code;
    const ops = f ? opsForType(f.type, f.multiple) : [c.op];
    return html`<li class="cond">
      <span class="name">${label}</span>
      <select
        aria-label=${t.operator(label)}
        @change=${(e: Event) => {
          const op = (e.target as HTMLSelectElement).value as ConditionOp;
          const base = f ? newCondition(f) : c;
          this.update1(i, { ...base, ...c, op, ...(op === 'inRange' || op === 'notInRange' ? { date: c.date ?? { preset: 'thisMonth' } } : {}) });
        }}
      >
        ${ops.map((op) => html`<option value=${op} ?selected=${op === c.op}>${t.ops[op]}</option>`)}
      </select>
      ${f ? this.renderValue(c, i, f, label, d) : nothing}
      <button class="crm-button" type="button" aria-label=${t.remove(label)} @click=${() => this.commit(this.conditions.filter((_, k) => k !== i))}>✕</button>
    </li>`;
  }

  private renderValue(c: FieldCondition, i: number, f: FilterField, label: string, _d: FilterData): TemplateResult | typeof nothing {
    const t = this.localize.t;
    switch (c.op) {
      case 'anyOf':
      case 'noneOf':
      case 'allOf': {
        if (!f.options?.length) {
          return html`<label class="stack"
            >${t.ids}
            <input
              .value=${(c.options ?? []).map((o) => o.id).join(', ')}
              @change=${(e: Event) => {
                const ids = (e.target as HTMLInputElement).value.split(',').map((s) => s.trim()).filter(Boolean);
                this.update1(i, { ...c, options: ids.map((id) => ({ id })) });
              }}
          /></label>`;
        }
        const chosen = new Set((c.options ?? []).map((o) => o.id));
        return html`<fieldset aria-label=${t.value(label)}>
          ${f.options.map(
            (o) => html`<label
              ><input
                type="checkbox"
                .checked=${chosen.has(o.id)}
                @change=${(e: Event) => {
                  const on = (e.target as HTMLInputElement).checked;
                  const rest = (c.options ?? []).filter((x) => x.id !== o.id);
                  this.update1(i, { ...c, options: on ? [...rest, { id: o.id, label: o.label }] : rest });
                }}
              />
              ${o.label}</label
            >`,
          )}
        </fieldset>`;
      }
      case 'contains':
      case 'notContains':
      case 'eq':
      case 'ne':
        if (!['number', 'integer', 'money'].includes(f.type)) {
          return html`<input aria-label=${t.value(label)} .value=${c.text ?? ''} @change=${(e: Event) => this.update1(i, { ...c, text: (e.target as HTMLInputElement).value })} />`;
        }
        return this.numberInput(c, i, label);
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
        return this.numberInput(c, i, label);
      case 'between':
        return html`<input
            type="number"
            aria-label=${`${t.value(label)}: ${t.from}`}
            .value=${String(c.number ?? 0)}
            @change=${(e: Event) => this.update1(i, { ...c, number: Number((e.target as HTMLInputElement).value) || 0 })}
          />
          <input
            type="number"
            aria-label=${`${t.value(label)}: ${t.to}`}
            .value=${String(c.number2 ?? c.number ?? 0)}
            @change=${(e: Event) => this.update1(i, { ...c, number2: Number((e.target as HTMLInputElement).value) || 0 })}
          />`;
      case 'inRange':
      case 'notInRange': {
        const spec: DateSpec = c.date ?? { preset: 'thisMonth' };
        const preset = 'preset' in spec ? spec.preset : 'custom';
        return html`<select
            aria-label=${t.value(label)}
            @change=${(e: Event) => {
              const p = (e.target as HTMLSelectElement).value as (typeof DEAL_FILTER_PRESETS)[number];
              this.update1(i, { ...c, date: p === 'custom' ? {} : { preset: p } });
            }}
          >
            ${DEAL_FILTER_PRESETS.map((p) => html`<option value=${p} ?selected=${p === preset}>${t.presets[p]}</option>`)}
          </select>
          ${'preset' in spec
            ? nothing
            : html`<label class="stack"
                  >${t.from}<input
                    type="date"
                    .value=${spec.from ?? ''}
                    @change=${(e: Event) => {
                      const from = (e.target as HTMLInputElement).value;
                      this.update1(i, { ...c, date: { ...(from ? { from } : {}), ...(spec.to ? { to: spec.to } : {}) } });
                    }}
                /></label>
                <label class="stack"
                  >${t.to}<input
                    type="date"
                    .value=${spec.to ?? ''}
                    @change=${(e: Event) => {
                      const to = (e.target as HTMLInputElement).value;
                      this.update1(i, { ...c, date: { ...(spec.from ? { from: spec.from } : {}), ...(to ? { to } : {}) } });
                    }}
                /></label>`}`;
      }
      default:
        return nothing;
    }
  }

  private numberInput(c: FieldCondition, i: number, label: string): TemplateResult {
    return html`<input
      type="number"
      aria-label=${this.localize.t.value(label)}
      .value=${String(c.number ?? 0)}
      @change=${(e: Event) => this.update1(i, { ...c, number: Number((e.target as HTMLInputElement).value) || 0 })}
    />`;
  }

  private renderViews(d: FilterData): TemplateResult {
    const t = this.localize.t;
    const key = savedViewsKey(this.scope, d.origin, d.userId);
    const current = this.views.find((v) => encodeView({ conditions: v.view.conditions }) === this.view);
    const save = (e: Event) => {
      e.preventDefault();
      const input = (e.target as HTMLFormElement).elements.namedItem('name') as HTMLInputElement;
      const name = input.value.trim();
      if (!name) return;
      this.views = upsertSavedView(this.views, { id: `v${Date.now().toString(36)}`, name, view: { name, conditions: this.conditions }, updatedAt: Date.now() });
      storeSavedViews(globalThis.localStorage, key, this.views);
      this.message = t.saved(name);
      input.value = '';
    };
    return html`<div part="views">
      <div class="row">
        <label class="stack"
          >${t.savedViews}
          <select
            @change=${(e: Event) => {
              const v = this.views.find((x) => x.id === (e.target as HTMLSelectElement).value);
              this.commit(v ? v.view.conditions : []);
            }}
          >
            <option value="" ?selected=${!current}>${t.noSavedView}</option>
            ${this.views.map((v) => html`<option value=${v.id} ?selected=${current?.id === v.id}>${v.name}</option>`)}
          </select></label
        >
        ${current
          ? html`<button
              class="crm-button"
              type="button"
              @click=${() => {
                this.views = removeSavedView(this.views, current.id);
                storeSavedViews(globalThis.localStorage, key, this.views);
              }}
            >
              ${t.deleteView}
            </button>`
          : nothing}
      </div>
      <form class="row" @submit=${save}>
        <label class="stack">${t.viewName}<input name="name" maxlength="80" /></label>
        <button class="crm-button" type="submit" ?disabled=${this.conditions.length === 0}>${t.save}</button>
      </form>
      ${this.view ? html`<label class="stack">${t.link}<input readonly .value=${this.view} /></label>` : nothing}
    </div>`;
  }
}
