import { ContextConsumer, ContextProvider } from '@lit/context';
import { html, LitElement, nothing, type PropertyValues, type ReactiveElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { DataAdapter } from '../adapter/data-adapter.js';
import { toCrmError } from '../adapter/errors.js';
import { adapterContext } from '../base/context.js';
import { LocalizeController } from '../i18n/localize-controller.js';
import { hostStyles, THEMES, type Theme } from '../theme/tokens.js';
import { errorMessage } from '../ui/state-views.js';
import { getAdapterFactory, onAdapterFactoryRegistered } from './adapter-registry.js';
import { getDefaultAdapter, onDefaultAdapterChange } from './default-adapter.js';
import { providerStyles } from './provider.styles.js';

type Problem = { readonly type: 'none' } | { readonly type: 'unknown-kind'; readonly kind: string } | { readonly type: 'failed'; readonly message: string };

/** Asks every Lit element below `root` (through shadow roots) to render again. */
function requestUpdateBelow(root: Element): void {
  const visit = (node: Element | ShadowRoot): void => {
    for (const child of node.children) {
      (child as Partial<ReactiveElement>).requestUpdate?.();
      if (child.shadowRoot) visit(child.shadowRoot);
      visit(child);
    }
  };
  visit(root);
}

/** Attributes that never change which adapter a factory builds. */
const PRESENTATION_ATTRIBUTES = new Set(['lang', 'theme', 'class', 'style', 'hidden', 'dir', 'id', 'slot', 'adapter-kind']);

/**
 * Gives every crmkit element inside it a data adapter (through `@lit/context`), a language and a
 * theme. The adapter is either set as the `adapter` property or built declaratively from
 * `adapter-kind` and the element's other attributes by a factory an adapter package registered
 * with `registerAdapterFactory`. Without either, descendants get the outer provider's adapter,
 * else the page default (`setDefaultAdapter`).
 *
 * When no adapter resolves, a localized message appears above the content; the content itself
 * always stays (each widget then shows its own "no data source" state).
 *
 * ```html
 * <crm-provider adapter-kind="mock" scale="small" theme="dark" lang="en">
 *   <crm-client-timeline client="contact:1"></crm-client-timeline>
 * </crm-provider>
 * ```
 *
 * @summary Provides a data adapter, language and theme to the crmkit elements inside it.
 * @slot - The widgets.
 * @csspart message - The "no data source configured" / "unknown adapter kind" message.
 * @cssprop [--crm-color-surface=#ffffff] - Surface colour; with `theme` set, the provider sets
 *   every `--crm-color-*` token of the chosen palette on itself.
 */
export class CrmProvider extends LitElement {
  static override styles = [hostStyles, providerStyles];

  /** The adapter for descendants. Wins over `adapter-kind`. */
  @property({ attribute: false }) adapter?: DataAdapter;

  /** Registered adapter kind to build from this element's attributes: `mock`, `bitrix24`, `1c`. */
  @property({ attribute: 'adapter-kind', reflect: true }) adapterKind = '';

  /** `light`, `dark`, or `auto` (follows `prefers-color-scheme`). */
  @property({ reflect: true }) theme: Theme = 'auto';

  /** Language for the widgets inside (`ru`, `en`). */
  @property({ reflect: true, converter: { toAttribute: (v: string) => v || null } }) override lang = '';

  /** The adapter built from `adapter-kind`. */
  @state() private built?: DataAdapter;
  @state() private problem: Problem = { type: 'none' };
  @state() private pending = false;

  private readonly localize = new LocalizeController(this);
  private readonly provider = new ContextProvider(this, { context: adapterContext });
  private readonly parent = new ContextConsumer(this, { context: adapterContext, subscribe: true });
  private unsubscribers: (() => void)[] = [];
  private attributeObserver?: MutationObserver;
  private resolveToken = 0;
  private builtKind = '';

  /** The adapter descendants receive now. */
  get effectiveAdapter(): DataAdapter | undefined {
    return this.adapter ?? this.built ?? this.parent.value;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.unsubscribers = [
      onAdapterFactoryRegistered((kind) => {
        if (kind === this.adapterKind) this.resolveKind();
      }),
      onDefaultAdapterChange(() => this.requestUpdate()),
    ];
    this.attributeObserver = new MutationObserver((records) => {
      if (records.some((r) => r.attributeName && !PRESENTATION_ATTRIBUTES.has(r.attributeName))) this.resolveKind();
    });
    this.attributeObserver.observe(this, { attributes: true });
    if (this.adapterKind && !this.built) this.resolveKind();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const off of this.unsubscribers) off();
    this.unsubscribers = [];
    this.attributeObserver?.disconnect();
    this.resolveToken++;
    this.disposeBuilt();
  }

  protected override update(changed: PropertyValues<this>): void {
    if (changed.has('lang')) {
      if (this.lang) this.setAttribute('lang', this.lang);
      else this.removeAttribute('lang');
    }
    super.update(changed);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('adapterKind') && this.isConnected && this.adapterKind !== this.builtKind) this.resolveKind();
    if (changed.has('theme')) {
      const theme: Theme = (THEMES as readonly string[]).includes(this.theme) ? this.theme : 'auto';
      this.classList.toggle('crm-theme-light', theme === 'light');
      this.classList.toggle('crm-theme-dark', theme === 'dark');
    }
    const effective = this.effectiveAdapter;
    if (this.provider.value !== effective) this.provider.setValue(effective);
  }

  protected override updated(changed: PropertyValues<this>): void {
    // Descendants resolve their language from ancestors' `lang`; tell them it changed.
    if (changed.has('lang') && changed.get('lang') !== undefined) requestUpdateBelow(this);
  }

  private disposeBuilt(): void {
    this.built?.dispose?.();
    this.built = undefined;
    this.builtKind = '';
  }

  /** Builds the adapter for `adapter-kind`; a newer call wins over a slower earlier one. */
  private resolveKind(): void {
    const token = ++this.resolveToken;
    const kind = this.adapterKind.trim();
    this.disposeBuilt();
    this.builtKind = kind;
    if (!kind) {
      this.problem = { type: 'none' };
      return;
    }
    const factory = getAdapterFactory(kind);
    if (!factory) {
      this.problem = { type: 'unknown-kind', kind };
      return;
    }
    this.problem = { type: 'none' };
    this.pending = true;
    Promise.resolve()
      .then(() => factory(this))
      .then(
        (adapter) => {
          if (token !== this.resolveToken) {
            adapter.dispose?.();
            return;
          }
          this.built = adapter;
          this.builtKind = kind;
          this.pending = false;
        },
        (e: unknown) => {
          if (token !== this.resolveToken) return;
          console.error('[crmkit] <crm-provider> adapter factory failed', kind, e);
          this.pending = false;
          this.problem = { type: 'failed', message: errorMessage(this.localize, toCrmError(e)) };
        },
      );
  }

  private message(): string | undefined {
    const core = this.localize.core;
    if (this.adapter) return undefined;
    if (this.problem.type === 'unknown-kind') return core.unknownAdapterKind(this.problem.kind);
    if (this.problem.type === 'failed') return core.adapterFailed(this.problem.message);
    if (this.pending || this.effectiveAdapter || getDefaultAdapter()) return undefined;
    return core.providerNoAdapter;
  }

  protected override render(): unknown {
    const message = this.message();
    return html`${message ? html`<div part="message" role="alert">${message}</div>` : nothing}<slot></slot>`;
  }
}
