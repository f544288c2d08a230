import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { deepMerge, type DeepPartial } from './deep-merge.js';
import { en } from './en.js';
import * as fmt from './format.js';
import { resolveLanguage, type Language } from './languages.js';
import { ru } from './ru.js';
import type { CoreTranslation } from './translation.js';

/** A widget's strings in every shipped language. */
export interface Dictionaries<T> {
  readonly ru: T;
  readonly en: T;
}

const coreDictionaries: Dictionaries<CoreTranslation> = { ru, en };

/** Hosts to re-render when `<html lang>` changes; one observer for the whole page. */
const hosts = new Set<ReactiveControllerHost>();
let observer: MutationObserver | undefined;

function observeDocumentLanguage(): void {
  if (observer || typeof MutationObserver === 'undefined') return;
  observer = new MutationObserver(() => {
    for (const h of hosts) h.requestUpdate();
  });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
}

/**
 * Our own small localization controller (Shoelace's pattern, not `@lit/localize`, which can be
 * configured only once per page: an embedded library cannot rely on that). The language comes
 * from the element, its ancestors, `<html lang>`, then Russian; a widget's `strings` property
 * overrides any term.
 */
export class LocalizeController<T extends object = CoreTranslation> implements ReactiveController {
  private readonly host: ReactiveControllerHost & HTMLElement;
  private readonly dictionaries: Dictionaries<T> | undefined;
  private readonly overrides: () => DeepPartial<T> | undefined;
  private merged?: { lang: Language; override: DeepPartial<T> | undefined; value: T };

  constructor(
    host: ReactiveControllerHost & HTMLElement,
    dictionaries?: Dictionaries<T>,
    overrides: () => DeepPartial<T> | undefined = () => undefined,
  ) {
    this.host = host;
    this.dictionaries = dictionaries;
    this.overrides = overrides;
    host.addController(this);
  }

  hostConnected(): void {
    hosts.add(this.host);
    observeDocumentLanguage();
  }

  hostDisconnected(): void {
    hosts.delete(this.host);
  }

  get lang(): Language {
    return resolveLanguage(this.host);
  }

  /** The widget's own dictionary for the current language, with overrides applied. */
  get t(): T {
    const lang = this.lang;
    const override = this.overrides();
    if (!this.merged || this.merged.lang !== lang || this.merged.override !== override) {
      const base = this.dictionaries ? this.dictionaries[lang] : (coreDictionaries[lang] as unknown as T);
      this.merged = { lang, override, value: deepMerge(base, override) };
    }
    return this.merged.value;
  }

  /** The shared parts' dictionary (states, errors, export…). */
  get core(): CoreTranslation {
    return coreDictionaries[this.lang];
  }

  number(n: number, options?: Intl.NumberFormatOptions): string {
    return fmt.formatNumber(this.lang, n, options);
  }

  money(amount: number, currency?: string): string {
    return fmt.formatMoney(this.lang, amount, currency);
  }

  percent(ratio: number, digits?: number): string {
    return fmt.formatPercent(this.lang, ratio, digits);
  }

  date(at: number, timeZone?: string): string {
    return fmt.formatDate(this.lang, at, timeZone);
  }

  dateTime(at: number, timeZone?: string): string {
    return fmt.formatDateTime(this.lang, at, timeZone);
  }

  time(at: number, timeZone?: string): string {
    return fmt.formatTime(this.lang, at, timeZone);
  }

  relative(at: number, now: number = Date.now()): string {
    return fmt.formatRelative(this.lang, at, now);
  }
}
