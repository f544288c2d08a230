import { expect, waitUntil } from '@open-wc/testing';
import type { DataAdapter } from '../adapter/data-adapter.js';
import { en } from '../i18n/en.js';
import { ru } from '../i18n/ru.js';
import { setDefaultAdapter } from '../provider/default-adapter.js';
import { TestAdapter, type TestData } from './test-adapter.js';

/**
 * The shared behaviour suite every data widget runs (STYLE.md): loading → complete → error →
 * retry, cancel, force refresh, empty, and no data source, with axe in every state. It finds
 * things the way a person does: by role and by the dictionary's words, through shadow roots.
 *
 * ```ts
 * dataWidgetSuite({
 *   name: '<crm-client-timeline>',
 *   data: smallSnapshot.entities,
 *   render: (adapter) => fixture(html`<crm-client-timeline .adapter=${adapter} client="contact:1">`),
 *   showsData: (el) => deepText(el).includes('Иван Петров'),
 * });
 * ```
 */
export interface DataWidgetSuiteOptions<E extends HTMLElement> {
  /** Title of the describe block. */
  readonly name: string;
  /** What the widget loads to show data. */
  readonly data: TestData;
  /** Renders the widget with this adapter (undefined: with none) and resolves when it is on the page. */
  readonly render: (adapter: DataAdapter | undefined) => Promise<E>;
  /** True when the widget shows its data. */
  readonly showsData: (el: E) => boolean;
  /** What the widget loads to be empty; omit to skip the empty case. */
  readonly emptyData?: TestData;
  /** True when the widget shows its empty state; default: an element with `part="empty"`. */
  readonly showsEmpty?: (el: E) => boolean;
  /** Asks for a forced refresh; default: presses the dictionary's "Refresh" button. */
  readonly forceRefresh?: (el: E) => void;
  /** Skip the force-refresh case (widgets without a refresh control). */
  readonly noRefresh?: boolean;
  /** axe rules to skip: give each a reason in a comment where you pass it. */
  readonly axeIgnore?: readonly string[];
  /** Language the page speaks (for finding buttons by their words); default `ru`. */
  readonly lang?: 'ru' | 'en';
}

/** Every element matching `selector` in `root` and in all shadow roots below it. */
export function deepQueryAll<T extends Element = HTMLElement>(root: Element | ShadowRoot | Document, selector: string): T[] {
  const out: T[] = [];
  const visit = (node: Element | ShadowRoot | Document): void => {
    if (node instanceof Element && node.matches(selector)) out.push(node as T);
    if (node instanceof Element && node.shadowRoot) visit(node.shadowRoot);
    for (const child of node.children) visit(child);
  };
  visit(root);
  return out;
}

/** Visible text of an element including its shadow roots (slotted children once). */
export function deepText(root: Element | ShadowRoot): string {
  let text = '';
  const visit = (node: Node): void => {
    if (node.nodeType === Node.TEXT_NODE) text += node.textContent ?? '';
    if (node instanceof Element && node.shadowRoot) visit(node.shadowRoot);
    for (const child of node.childNodes) visit(child);
  };
  visit(root);
  return text.replace(/\s+/g, ' ');
}

/** The first button whose text (or aria-label or title) is `label`, through shadow roots. */
export function findButton(root: Element, label: string): HTMLButtonElement | undefined {
  return deepQueryAll<HTMLButtonElement>(root, 'button').find(
    (b) => b.textContent?.trim() === label || b.getAttribute('aria-label') === label || b.title === label,
  );
}

export function dataWidgetSuite<E extends HTMLElement>(options: DataWidgetSuiteOptions<E>): void {
  const t = options.lang === 'en' ? en : ru;
  const axe = async (el: E): Promise<void> => {
    await expect(el).to.be.accessible(options.axeIgnore?.length ? { ignoredRules: [...options.axeIgnore] } : undefined);
  };
  const until = (what: string, test: () => boolean): Promise<void> => waitUntil(test, what, { timeout: 5000 });
  const loading = (el: E): boolean => deepQueryAll(el, '[part~="loading"]').length > 0;
  const alert = (el: E): HTMLElement | undefined => deepQueryAll(el, '[role="alert"]')[0];

  describe(`${options.name}: shared data states`, () => {
    let previousDefault: DataAdapter | undefined;
    before(() => setDefaultAdapter((previousDefault = undefined)));
    after(() => setDefaultAdapter(previousDefault));

    it('shows progress with Cancel while loading, then the data', async () => {
      const adapter = new TestAdapter(options.data);
      adapter.hold();
      const el = await options.render(adapter);
      await until('loading state', () => loading(el));
      expect(findButton(el, t.cancel), 'a Cancel button while loading').to.not.equal(undefined);
      await axe(el);
      adapter.release();
      await until('data after loading', () => options.showsData(el));
      expect(loading(el)).to.equal(false);
      await axe(el);
    });

    it('shows a localized error with Retry, and Retry loads the data', async () => {
      const adapter = new TestAdapter(options.data);
      adapter.failNext('network');
      const el = await options.render(adapter);
      await until('error state', () => alert(el) !== undefined);
      expect(alert(el)?.textContent).to.contain(t.errors.network);
      await axe(el);
      const retry = findButton(el, t.retry);
      expect(retry, 'a Retry button').to.not.equal(undefined);
      retry?.click();
      await until('data after retry', () => options.showsData(el));
      expect(alert(el)).to.equal(undefined);
    });

    it('cancels a load, says so, and can load again', async () => {
      const adapter = new TestAdapter(options.data);
      adapter.hold();
      const el = await options.render(adapter);
      await until('loading state', () => loading(el));
      findButton(el, t.cancel)?.click();
      await until('cancelled state', () => deepText(el).includes(t.cancelled));
      expect(options.showsData(el)).to.equal(false);
      await axe(el);
      findButton(el, t.retry)?.click();
      await until('held call after retry', () => adapter.held > 0);
      adapter.release();
      await until('data after loading again', () => options.showsData(el));
    });

    if (!options.noRefresh) {
      it('asks the adapter again on a forced refresh, keeping the data shown', async () => {
        const adapter = new TestAdapter(options.data);
        const el = await options.render(adapter);
        await until('data', () => options.showsData(el));
        const before = adapter.calls.length;
        adapter.hold();
        if (options.forceRefresh) options.forceRefresh(el);
        else (findButton(el, t.forceRefresh) ?? findButton(el, t.refresh))?.click();
        await until('a new adapter call', () => adapter.calls.length > before);
        expect(options.showsData(el), 'old data stays visible while refreshing').to.equal(true);
        adapter.release();
        await until('data after refresh', () => options.showsData(el) && !loading(el));
      });
    }

    if (options.emptyData) {
      const emptyData = options.emptyData;
      it('shows the empty state', async () => {
        const el = await options.render(new TestAdapter(emptyData));
        const empty = options.showsEmpty ?? ((e: E) => deepQueryAll(e, '[part~="empty"]').length > 0);
        await until('empty state', () => empty(el));
        await axe(el);
      });
    }

    it('says no data source is configured when there is no adapter', async () => {
      const el = await options.render(undefined);
      await until('no-adapter message', () => alert(el) !== undefined);
      expect(options.showsData(el)).to.equal(false);
      await axe(el);
    });
  });
}
