import { consume } from '@lit/context';
import { LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { DataAdapter } from '../adapter/data-adapter.js';
import { getDefaultAdapter, onDefaultAdapterChange } from '../provider/default-adapter.js';
import { hostStyles } from '../theme/tokens.js';
import { adapterContext } from './context.js';

/** Custom states a crmkit element exposes to CSS as `:host(:state(name))`. */
export const ELEMENT_STATES = ['loading', 'error', 'stale', 'empty'] as const;
export type ElementState = (typeof ELEMENT_STATES)[number];

/**
 * The thin base of every crmkit element: host styles first, a reactive `lang`, the adapter
 * from context (an explicit `.adapter` wins), and custom states through `ElementInternals`.
 * Behaviour lives in controllers held as fields, not in mixins.
 */
export class CrmElement extends LitElement {
  static override styles = [hostStyles];

  /** Language of the UI (`ru`, `en`); inherited from ancestors and `<html lang>` when absent. */
  // An empty `lang` removes the attribute (an empty attribute would stop inheritance).
  @property({ reflect: true, converter: { toAttribute: (v: string) => v || null } }) override lang = '';

  /** The data adapter. Overrides the one a `<crm-provider>` gives through context. */
  @property({ attribute: false }) adapter?: DataAdapter;

  @consume({ context: adapterContext, subscribe: true })
  @state()
  protected contextAdapter?: DataAdapter;

  protected readonly internals: ElementInternals;

  constructor() {
    super();
    this.internals = this.attachInternals();
  }

  private unsubscribeDefault?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    this.unsubscribeDefault = onDefaultAdapterChange(() => this.requestUpdate());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribeDefault?.();
  }

  /**
   * Lit reflects `lang` only after `render()`, but the localize controller reads the attribute:
   * set it first, so `el.lang = 'en'` renders English in the same update.
   */
  protected override update(changed: PropertyValues): void {
    if (changed.has('lang')) {
      if (this.lang) this.setAttribute('lang', this.lang);
      else this.removeAttribute('lang');
    }
    super.update(changed);
  }

  /** The adapter in use: the explicit property, else the provider's, else the page default (`setDefaultAdapter`). */
  get resolvedAdapter(): DataAdapter | undefined {
    return this.adapter ?? this.contextAdapter ?? getDefaultAdapter();
  }

  /** Turns a custom state on or off; a browser without CustomStateSet simply skips it. */
  setCustomState(name: ElementState, on: boolean): void {
    const states = this.internals.states as Set<string> | undefined;
    if (!states) return;
    try {
      if (on) states.add(name);
      else states.delete(name);
    } catch {
      // Older engines only accepted `--name` states; styling by state is a nicety, not a need.
    }
  }

  hasCustomState(name: ElementState): boolean {
    return (this.internals.states as Set<string> | undefined)?.has(name) ?? false;
  }
}
