/** Languages the UI ships in; Russian first, as the product's users read it first. */
export const LANGUAGES = ['ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'ru';

/** `en-GB` → `en`; anything unknown → Russian. */
export function normalizeLanguage(tag: string | null | undefined): Language {
  const base = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return (LANGUAGES as readonly string[]).includes(base ?? '') ? (base as Language) : DEFAULT_LANGUAGE;
}

/**
 * The language an element should speak: its own `lang`, the nearest ancestor's (crossing shadow
 * roots), `<html lang>`, then Russian.
 */
export function resolveLanguage(el: Element): Language {
  let node: Node | null = el;
  while (node) {
    if (node instanceof Element && node.hasAttribute('lang')) return normalizeLanguage(node.getAttribute('lang'));
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return normalizeLanguage(document.documentElement.lang);
}
