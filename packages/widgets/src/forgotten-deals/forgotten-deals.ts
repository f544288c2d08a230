import {
  CrmDataController,
  CrmElement,
  CSV_MIME,
  DEFAULT_FORGOTTEN_RULES,
  FORGOTTEN_RULE_IDS,
  TOUCH_KINDS,
  downloadBlob,
  LocalizeController,
  renderError,
  toCrmError,
  openRecord,
  renderEmpty,
  renderStatusBar,
  safeFileName,
  stateRenderers,
  stateStyles,
  downloadXlsx,
  tryDecodeView,
  xlsxSheet,
  type DeepPartial,
  type ExportColumn,
  type FieldCondition,
  type ForgottenDeal,
  type ForgottenGroup,
  type ForgottenRuleId,
  type ForgottenRules,
  type Id,
  type TouchKind,
} from '@crmkit/core';
import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { loadForgottenData, type ForgottenData } from './forgotten-data.js';
import { forgottenDealsStrings, type ForgottenDealsStrings } from './forgotten-deals.strings.js';
import { forgottenDealsStyles } from './forgotten-deals.styles.js';
import { loadSnoozes, snoozeKey, storeSnoozes, type Snooze } from './snooze.js';
import { containerFitStyles } from '../container-fit.styles.js';
import { settledAfter } from '../computation-settled.js';

/** The rules, set by the first load (before any data exists to compute on). */
let compute!: typeof import('./forgotten-rules.js');

export const FORGOTTEN_GROUP_BY = ['manager', 'department'] as const;
export type ForgottenGroupBy = (typeof FORGOTTEN_GROUP_BY)[number];

const PAGE = 100;

/** Shown while the rules run over freshly loaded data: the standard progress, without a cancel. */
function renderComputing(loc: LocalizeController<ForgottenDealsStrings>): TemplateResult {
  return html`<div class="crm-state" part="loading" role="status" aria-live="polite">
    <span>${loc.core.loading}</span>
    <progress class="crm-progress" aria-label=${loc.core.progress}></progress>
  </div>`;
}
const DAY = 86_400_000;

/** Stored rule edits are merged over the defaults, so a new rule added later starts enabled. */
function parseRules(text: string | null | undefined): ForgottenRules | undefined {
  if (!text) return undefined;
  try {
    const r = JSON.parse(text) as Partial<ForgottenRules>;
    const d = DEFAULT_FORGOTTEN_RULES;
    return {
      untouched: { ...d.untouched, ...r.untouched, byStage: { ...r.untouched?.byStage } },
      overdue: { ...d.overdue, ...r.overdue },
      noActivity: { ...d.noActivity, ...r.noActivity },
      period: { ...d.period, ...r.period },
      touchKinds: Array.isArray(r.touchKinds) ? r.touchKinds.filter((k): k is TouchKind => (TOUCH_KINDS as readonly string[]).includes(k)) : d.touchKinds,
    };
  } catch {
    return undefined;
  }
}

/**
 * The deals nobody is working on, by rules a person can read and change: untouched for N days
 * with nothing planned ahead, an overdue planned activity (today, 1–3 days, longer), never any
 * activity, and a period (*Период* = April) running out with the deal still in its first stage.
 * A deal whose planned first call is in the future is not forgotten until that call is overdue.
 * Each row says why, with dates; rows group by manager or department with counts; a per-manager
 * digest is one click away; a local snooze (with a reason) never writes to the CRM.
 *
 * @summary Forgotten deals with readable rules, grouping, digest, snooze and export.
 * @csspart header - Title, count and data status.
 * @csspart toolbar - Grouping, snoozed toggle and export.
 * @csspart rules - The rules editor.
 * @csspart groups - The list of managers or departments with counts.
 * @csspart list - The list of forgotten deals.
 * @csspart row - One forgotten deal.
 * @csspart digest - The digest of the selected manager.
 * @csspart empty - Shown when nothing is forgotten.
 * @csspart error - Shown when loading failed.
 * @csspart loading - Progress while loading.
 * @csspart status - The "data as of" line with the refresh button.
 * @cssprop [--crm-forgotten-gap=8px] - Space between deals.
 * @cssstate loading - Data is loading.
 * @cssstate error - The last load failed.
 * @cssstate stale - Shown data is being refreshed.
 * @cssstate empty - No open deals at all.
 * @fires {CrmRecordOpenEvent} crm-record-open - A deal is to be opened; cancel to open it your way.
 */
export class CrmForgottenDeals extends CrmElement {
  static override styles = [...CrmElement.styles, stateStyles, containerFitStyles, forgottenDealsStyles];

  /** Group by responsible manager or by the manager's department. */
  @property({ attribute: 'group-by', reflect: true }) groupBy: ForgottenGroupBy = 'manager';

  /** A filter view string (`encodeView`) restricting the deals, e.g. Период = Апрель. */
  @property() view = '';

  /** Rules; when unset, the person's saved edits or the documented defaults. */
  @property({ attribute: false }) rules?: ForgottenRules;

  /** The instant rules are evaluated at; default the time of loading. For demos and tests. */
  @property({ attribute: false }) now?: number;

  /** Overrides of this widget's strings (deep-merged over the language's dictionary). */
  @property({ attribute: false }) strings?: DeepPartial<ForgottenDealsStrings>;

  @state() private selectedGroup?: Id;
  @state() private showSnoozed = false;
  @state() private snoozing?: Id;
  @state() private snoozes = new Map<Id, Snooze>();
  @state() private editedRules?: ForgottenRules;
  @state() private limit = PAGE;
  @state() private message = '';
  @state() private digestFallback = '';

  private readonly localize = new LocalizeController<ForgottenDealsStrings>(this, forgottenDealsStrings, () => this.strings);

  private readonly data = new CrmDataController<ForgottenData, readonly []>(this, {
    args: () => [],
    needs: ['deal', 'activity', 'funnel'],
    load: async (ctx) => {
      // The employee chip is defined with the data: rows are its only place (the size budget).
      const [d, r] = await Promise.all([loadForgottenData(ctx), import('./forgotten-rules.js'), import('@crmkit/core/ui/employee/crm-employee.js')]);
      compute = r;
      this.loadedAt = Date.now();
      this.snoozes = loadSnoozes(snoozeKey(d.origin, d.userId), this.now ?? this.loadedAt);
      this.editedRules = parseRules(this.storage(`crmkit:forgotten-deals:rules:${d.origin}|${d.userId}`));
      return d;
    },
    isEmpty: (d) => d.deals.length === 0,
  });

  private loadedAt = Date.now();

  /**
   * The forgotten deals under the active rules and filter, computed off the render path in
   * slices of a few milliseconds (see `forgotten-steps.ts`); rerun when the data, the rules,
   * the instant or the filter change. The progress state shows until the first result.
   */
  private readonly computation = new Task(this, {
    task: async (args: readonly unknown[], { signal }) => {
      const [d, rules, now] = args as [ForgottenData | undefined, ForgottenRules, number];
      if (!d || !compute) return undefined;
      return compute.findForgottenSliced({ data: d, rules, now, conditions: this.conditions().conditions }, signal);
    },
    args: () => [this.data.value, this.activeRules, this.evalNow, this.view],
  });

  private storage(key: string): string | null {
    try {
      return globalThis.localStorage?.getItem(key) ?? null;
    } catch {
      return null;
    }
  }

  /** The rules in force: the property, else the person's edits, else the defaults. */
  get activeRules(): ForgottenRules {
    return this.rules ?? this.editedRules ?? DEFAULT_FORGOTTEN_RULES;
  }

  private get evalNow(): number {
    return this.now ?? this.loadedAt;
  }

  private conditions(): { conditions: readonly FieldCondition[]; bad: boolean } {
    if (!this.view) return { conditions: [], bad: false };
    const r = tryDecodeView(this.view);
    return 'view' in r ? { conditions: r.view.conditions, bad: false } : { conditions: [], bad: true };
  }

  /** Resolves once the shown list is current (after the computation a change started). */
  protected override getUpdateComplete(): Promise<boolean> {
    return settledAfter(() => super.getUpdateComplete(), this.computation);
  }

  private setRules(next: ForgottenRules): void {
    this.editedRules = next;
    const d = this.data.value;
    if (!d) return;
    try {
      globalThis.localStorage?.setItem(`crmkit:forgotten-deals:rules:${d.origin}|${d.userId}`, JSON.stringify(next));
    } catch {
      // Kept for this page only.
    }
  }

  private saveSnoozes(next: Map<Id, Snooze>): void {
    this.snoozes = next;
    const d = this.data.value;
    if (d) storeSnoozes(snoozeKey(d.origin, d.userId), next);
  }

  override render(): unknown {
    const t = this.localize.t;
    return html`<div class="header" part="header">
        <h2>${t.title}</h2>
        ${this.data.value && this.computation.value
          ? html`<span class="summary">${t.summary(this.computation.value.filter((f) => !this.isSnoozed(f)).length)}</span>`
          : nothing}
        ${this.data.value ? renderStatusBar(this.localize, this.data as never) : nothing}
      </div>
      ${this.data.render({
        ...stateRenderers(this.localize, this.data as never),
        complete: (d) => this.renderData(d),
      })}`;
  }

  private isSnoozed(f: ForgottenDeal): boolean {
    const s = this.snoozes.get(f.deal.id);
    return s !== undefined && s.until > this.evalNow;
  }

  private renderData(d: ForgottenData): TemplateResult {
    const t = this.localize.t;
    if (this.computation.status === TaskStatus.ERROR) return renderError(this.localize, toCrmError(this.computation.error), () => void this.computation.run());
    const all = this.computation.value;
    if (!all) return renderComputing(this.localize);
    const visible = all.filter((f) => this.showSnoozed || !this.isSnoozed(f));
    const snoozedCount = all.length - all.filter((f) => !this.isSnoozed(f)).length;
    const groups = compute.groupForgottenDeals(visible, this.groupBy, d.employees, d.departments, t.unassigned);
    const group = groups.find((g) => g.key === this.selectedGroup);
    const items = group ? group.items : visible;
    const { conditions, bad } = this.conditions();
    return html`
      <div class="toolbar" part="toolbar">
        <span id="group-by-label">${t.groupBy}</span>
        <div class="seg" role="group" aria-labelledby="group-by-label">
          ${FORGOTTEN_GROUP_BY.map(
            (g) => html`<button
              class="crm-button"
              type="button"
              aria-pressed=${String(this.groupBy === g)}
              @click=${() => {
                this.groupBy = g;
                this.selectedGroup = undefined;
              }}
            >
              ${g === 'manager' ? t.byManager : t.byDepartment}
            </button>`,
          )}
        </div>
        ${snoozedCount
          ? html`<button class="crm-button" type="button" aria-pressed=${String(this.showSnoozed)} @click=${() => (this.showSnoozed = !this.showSnoozed)}>
              ${this.showSnoozed ? t.hideSnoozed : t.showSnoozed} (${t.snoozedCount(snoozedCount)})
            </button>`
          : nothing}
        <button class="crm-button" type="button" @click=${() => this.exportAs('csv', items, d)}>${this.localize.core.exportCsv}</button>
        <button class="crm-button" type="button" @click=${() => this.exportAs('xlsx', items, d)}>${this.localize.core.exportXlsx}</button>
      </div>
      ${bad ? html`<p class="note" role="alert">${t.badView}</p>` : nothing}
      ${conditions.length ? this.renderConditions(d, conditions) : nothing}
      ${this.renderRules(d)}
      <div class="live" role="status" aria-live="polite">${this.message}</div>
      ${d.deals.length === 0
        ? renderEmpty(this.localize)
        : html`<div class="layout">
            <nav part="groups" aria-label=${t.groups}>
              <ul>
                <li>
                  <button class="group-btn" type="button" aria-current=${String(this.selectedGroup === undefined)} @click=${() => this.selectGroup(undefined)}>
                    <span>${t.allGroups}</span><span class="visually-hidden">: </span><span class="count">${visible.length}</span>
                  </button>
                </li>
                ${groups.map(
                  (g) => html`<li>
                    <button
                      class="group-btn"
                      type="button"
                      aria-current=${String(this.selectedGroup === g.key)}
                      @click=${() => this.selectGroup(g.key)}
                    >
                      <span>${g.label}</span><span class="visually-hidden">: </span><span class="count">${g.items.length}</span>
                    </button>
                  </li>`,
                )}
              </ul>
            </nav>
            <section aria-label=${group ? group.label : t.title}>
              ${group && this.groupBy === 'manager' ? this.renderDigest(group, d) : nothing}
              ${items.length === 0
                ? renderEmpty(this.localize, t.noneForgotten)
                : html`<ul class="list" part="list">
                      ${items.slice(0, this.limit).map((f) => this.renderItem(f, d))}
                    </ul>
                    ${items.length > this.limit
                      ? html`<button class="crm-button" type="button" @click=${() => (this.limit += PAGE)}>${t.showMore(Math.min(PAGE, items.length - this.limit))}</button>`
                      : nothing}`}
            </section>
          </div>`}
    `;
  }

  private selectGroup(key: Id | undefined): void {
    this.selectedGroup = key;
    this.limit = PAGE;
    this.digestFallback = '';
    this.message = '';
  }

  private renderConditions(d: ForgottenData, conditions: readonly FieldCondition[]): TemplateResult {
    const t = this.localize.t;
    const fields = compute.dealFilterFields({ fieldDefinitions: d.fieldDefinitions, funnels: d.funnels, employees: d.employees });
    return html`<div class="chip-row" role="group" aria-label=${t.filterActive(conditions.length)}>
      <span>${t.filterActive(conditions.length)}</span>
      ${conditions.map((c) => {
        const f = compute.findField(fields, c.field.code, c.field.label);
        const values = c.options?.map((o) => compute.optionLabel(f, o)).join(', ') ?? c.text ?? (c.date ? ('preset' in c.date ? c.date.preset : `${c.date.from ?? ''}…${c.date.to ?? ''}`) : '');
        return html`<span class="chip">${f?.label ?? c.field.label ?? c.field.code}: ${values}</span>`;
      })}
      <button class="crm-button" type="button" @click=${() => (this.view = '')}>${t.clearFilter}</button>
    </div>`;
  }

  private renderRules(d: ForgottenData): TemplateResult {
    const t = this.localize.t;
    const r = this.activeRules;
    const periodField = compute.findPeriodField(d.fieldDefinitions, r.period.fieldCode);
    const enabled: Record<ForgottenRuleId, boolean> = {
      untouched: r.untouched.enabled,
      overdue: r.overdue.enabled,
      'no-activity': r.noActivity.enabled,
      period: r.period.enabled,
    };
    const toggle = (id: ForgottenRuleId, on: boolean) => {
      if (id === 'untouched') this.setRules({ ...r, untouched: { ...r.untouched, enabled: on } });
      else if (id === 'overdue') this.setRules({ ...r, overdue: { ...r.overdue, enabled: on } });
      else if (id === 'no-activity') this.setRules({ ...r, noActivity: { ...r.noActivity, enabled: on } });
      else this.setRules({ ...r, period: { ...r.period, enabled: on } });
    };
    const num = (e: Event) => Math.max(0, Math.round(Number((e.target as HTMLInputElement).value) || 0));
    const stages = d.funnels.flatMap((f) => [...f.stages].filter((s) => s.semantics === 'process').sort((a, b) => a.sort - b.sort).map((s) => ({ s, f })));
    return html`<details class="rules" part="rules">
      <summary>${t.rules}</summary>
      <p class="help">${t.rulesHint}</p>
      ${FORGOTTEN_RULE_IDS.map(
        (id) => html`<fieldset>
          <legend>
            <label><input type="checkbox" .checked=${enabled[id]} @change=${(e: Event) => toggle(id, (e.target as HTMLInputElement).checked)} /> ${t.ruleNames[id]}</label>
          </legend>
          <p class="help">${t.ruleHelp[id]}</p>
          ${id === 'untouched'
            ? html`<label class="field"
                  >${t.untouchedDays}
                  <input type="number" min="1" .value=${String(r.untouched.days)} @change=${(e: Event) => this.setRules({ ...r, untouched: { ...r.untouched, days: Math.max(1, num(e)) } })}
                /></label>
                <details>
                  <summary>${t.perStage}</summary>
                  ${stages.map(
                    ({ s, f }) => html`<label class="field"
                      >${d.funnels.length > 1 ? `${f.name}: ${s.name}` : s.name}
                      <input
                        type="number"
                        min="0"
                        placeholder=${t.stageDefault}
                        .value=${r.untouched.byStage[s.id] === undefined ? '' : String(r.untouched.byStage[s.id])}
                        @change=${(e: Event) => {
                          const raw = (e.target as HTMLInputElement).value;
                          const byStage = { ...r.untouched.byStage };
                          if (raw === '') delete byStage[s.id];
                          else byStage[s.id] = num(e);
                          this.setRules({ ...r, untouched: { ...r.untouched, byStage } });
                        }}
                    /></label>`,
                  )}
                </details>`
            : id === 'overdue'
              ? html`<label class="field"
                  >${t.longAfterDays}
                  <input type="number" min="1" .value=${String(r.overdue.longAfterDays)} @change=${(e: Event) => this.setRules({ ...r, overdue: { ...r.overdue, longAfterDays: Math.max(1, num(e)) } })}
                /></label>`
              : id === 'no-activity'
                ? html`<label class="field"
                    >${t.graceDays}
                    <input type="number" min="0" .value=${String(r.noActivity.graceDays)} @change=${(e: Event) => this.setRules({ ...r, noActivity: { ...r.noActivity, graceDays: num(e) } })}
                  /></label>`
                : html`<label class="field"
                      >${t.periodField}
                      <select
                        @change=${(e: Event) => {
                          const code = (e.target as HTMLSelectElement).value;
                          const { fieldCode: _drop, ...rest } = r.period;
                          this.setRules({ ...r, period: code ? { ...rest, fieldCode: code } : rest });
                        }}
                      >
                        <option value="" ?selected=${!r.period.fieldCode}>${periodField && !r.period.fieldCode ? periodField.label : t.noPeriodField}</option>
                        ${d.fieldDefinitions
                          .filter((f) => ['enumeration', 'string', 'date', 'datetime'].includes(f.type))
                          .map((f) => html`<option value=${f.code} ?selected=${r.period.fieldCode === f.code}>${f.label}</option>`)}
                      </select></label
                    >
                    <label class="field"
                      >${t.warnDays}
                      <input type="number" min="0" .value=${String(r.period.warnDays)} @change=${(e: Event) => this.setRules({ ...r, period: { ...r.period, warnDays: num(e) } })}
                    /></label>`}
        </fieldset>`,
      )}
      <fieldset>
        <legend>${t.touchKinds}</legend>
        ${TOUCH_KINDS.map(
          (k) => html`<label class="field"
            ><input
              type="checkbox"
              .checked=${r.touchKinds.includes(k)}
              @change=${(e: Event) => {
                const on = (e.target as HTMLInputElement).checked;
                this.setRules({ ...r, touchKinds: on ? [...r.touchKinds.filter((x) => x !== k), k] : r.touchKinds.filter((x) => x !== k) });
              }}
            />
            ${t.touchKindNames[k]}</label
          >`,
        )}
      </fieldset>
      <button class="crm-button" type="button" @click=${() => this.setRules(DEFAULT_FORGOTTEN_RULES)}>${t.resetRules}</button>
    </details>`;
  }

  private textContext(d: ForgottenData) {
    return { lang: this.localize.lang, timeZone: d.timeZone, names: new Map(d.employees.map((e) => [e.id, e.name])) };
  }

  private renderDigest(group: ForgottenGroup, d: ForgottenData): TemplateResult {
    const t = this.localize.t;
    const text = compute.forgottenDigest(group.label, group.items.filter((f) => !this.isSnoozed(f)), this.textContext(d));
    return html`<div class="digest" part="digest">
      <button class="crm-button" type="button" @click=${() => this.copyDigest(text)}>${t.copyDigest}</button>
      ${this.digestFallback ? html`<textarea readonly aria-label=${t.digestLabel(group.label)} .value=${this.digestFallback}></textarea>` : nothing}
    </div>`;
  }

  private async copyDigest(text: string): Promise<void> {
    const t = this.localize.t;
    try {
      await navigator.clipboard.writeText(text);
      this.message = t.digestCopied;
      this.digestFallback = '';
    } catch {
      this.message = t.digestFailed;
      this.digestFallback = text;
    }
  }

  private renderItem(f: ForgottenDeal, d: ForgottenData): TemplateResult {
    const t = this.localize.t;
    const ctx = this.textContext(d);
    const emp = d.employees.find((e) => e.id === f.deal.responsibleId);
    const snooze = this.snoozes.get(f.deal.id);
    const snoozed = this.isSnoozed(f);
    const departments = new Map(d.departments.map((x) => [x.id, x]));
    return html`<li class="item" part="row" data-level=${f.level} ?data-snoozed=${snoozed}>
      <div class="item-head">
        <button class="link" type="button" aria-label=${t.openDeal(f.deal.title)} @click=${() => openRecord(this, { kind: 'deal', id: f.deal.id, ...(f.deal.url ? { url: f.deal.url } : {}) })}>
          ${f.deal.title}
        </button>
        <span class="badge">${t.levels[f.level]}</span>
      </div>
      <ul class="reasons" aria-label=${t.why}>
        ${f.reasons.map((r) => html`<li>${compute.describeReason(r, ctx)}</li>`)}
      </ul>
      <dl class="facts">
        <div>
          <dt>${t.responsible}</dt>
          <dd>
            ${f.deal.responsibleId
              ? html`<crm-employee .employee=${emp} .departments=${departments} name=${emp ? nothing : f.deal.responsibleId} lang=${this.localize.lang}></crm-employee>`
              : t.unassigned}
          </dd>
        </div>
        <div><dt>${t.stage}</dt><dd>${f.stageName}</dd></div>
        <div><dt>${t.lastTouch}</dt><dd>${compute.describeTouch(f.lastTouch, ctx)}</dd></div>
        <div><dt>${t.nextPlanned}</dt><dd>${compute.describePlanned(f.nextPlanned, ctx)}</dd></div>
      </dl>
      ${snoozed && snooze
        ? html`<p class="note">${t.snoozedUntil(this.localize.date(snooze.until, d.timeZone), snooze.reason)}</p>
            <button class="crm-button" type="button" @click=${() => this.unsnooze(f.deal.id)}>${t.unsnooze}</button>`
        : this.snoozing === f.deal.id
          ? this.renderSnoozeForm(f)
          : html`<button class="crm-button" type="button" aria-label=${t.snoozeFor(f.deal.title)} @click=${() => (this.snoozing = f.deal.id)}>${t.snooze}</button>`}
    </li>`;
  }

  private renderSnoozeForm(f: ForgottenDeal): TemplateResult {
    const t = this.localize.t;
    const submit = (e: Event) => {
      e.preventDefault();
      const form = e.target as HTMLFormElement;
      const reason = (form.elements.namedItem('reason') as HTMLInputElement).value.trim();
      const days = Number((form.elements.namedItem('days') as HTMLSelectElement).value) || 7;
      const next = new Map(this.snoozes);
      next.set(f.deal.id, { dealId: f.deal.id, reason, until: this.evalNow + days * DAY, at: this.evalNow });
      this.saveSnoozes(next);
      this.snoozing = undefined;
    };
    return html`<form class="snooze-form" aria-label=${t.snoozeFor(f.deal.title)} @submit=${submit}>
      <label>${t.snoozeReason}<input name="reason" maxlength="500" autofocus /></label>
      <label
        >${t.snoozeDays}
        <select name="days">
          ${[1, 3, 7, 14, 30].map((n) => html`<option value=${n} ?selected=${n === 7}>${n}</option>`)}
        </select></label
      >
      <button class="crm-button" data-primary type="submit">${t.snoozeSave}</button>
      <button class="crm-button" type="button" @click=${() => (this.snoozing = undefined)}>${t.snoozeCancel}</button>
      <p class="note">${t.localOnly}</p>
    </form>`;
  }

  private unsnooze(id: Id): void {
    const next = new Map(this.snoozes);
    next.delete(id);
    this.saveSnoozes(next);
  }

  /** Export columns: what a row shows, as text and numbers. */
  private exportColumns(d: ForgottenData): ExportColumn<ForgottenDeal>[] {
    const t = this.localize.t;
    const ctx = this.textContext(d);
    const emp = new Map(d.employees.map((e) => [e.id, e]));
    const dep = new Map(d.departments.map((x) => [x.id, x.name]));
    return [
      { label: t.deal, value: (f) => f.deal.title },
      { label: 'ID', value: (f) => f.deal.id },
      { label: t.why, value: (f) => f.reasons.map((r) => compute.describeReason(r, ctx)).join('; ') },
      { label: t.responsible, value: (f) => emp.get(f.deal.responsibleId ?? '')?.name ?? '' },
      { label: t.byDepartment, value: (f) => dep.get(emp.get(f.deal.responsibleId ?? '')?.departmentIds[0] ?? '') ?? '' },
      { label: t.stage, value: (f) => f.stageName },
      { label: t.lastTouch, value: (f) => compute.describeTouch(f.lastTouch, ctx) },
      { label: t.nextPlanned, value: (f) => compute.describePlanned(f.nextPlanned, ctx) },
      { label: 'Level', value: (f) => f.level },
    ];
  }

  private exportAs(kind: 'csv' | 'xlsx', items: readonly ForgottenDeal[], d: ForgottenData): void {
    const t = this.localize.t;
    const columns = this.exportColumns(d);
    if (kind === 'csv') downloadBlob(compute.toCsv(items, columns, { lang: this.localize.lang, timeZone: d.timeZone }), safeFileName(t.exportName, 'csv'), CSV_MIME);
    else void downloadXlsx([xlsxSheet(t.exportName, items, columns)], safeFileName(t.exportName, 'xlsx'), { timeZone: d.timeZone });
  }
}
