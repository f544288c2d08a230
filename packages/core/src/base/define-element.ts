/**
 * Registers a custom element unless the tag is taken. Two bundles of crmkit on one page (an
 * intranet page plus an embedded app) must not crash each other with a duplicate-define error.
 */
export function defineElement(tag: string, ctor: CustomElementConstructor): void {
  const existing = customElements.get(tag);
  if (existing) {
    if (existing !== ctor) console.warn(`[crmkit] <${tag}> is already defined by another copy of crmkit; keeping the first.`);
    return;
  }
  customElements.define(tag, ctor);
}
