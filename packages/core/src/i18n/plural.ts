/**
 * Plural forms through `Intl.PluralRules`. Russian has three that matter (one: 1, 21; few: 2–4,
 * 22–24; many: 5–20, 11–14), English two; a term gives one string per category it uses and
 * `other` as the fallback.
 */
export interface PluralForms {
  readonly one?: string;
  readonly few?: string;
  readonly many?: string;
  readonly other: string;
}

const rulesCache = new Map<string, Intl.PluralRules>();

function rulesFor(lang: string): Intl.PluralRules {
  let rules = rulesCache.get(lang);
  if (!rules) {
    rules = new Intl.PluralRules(lang);
    rulesCache.set(lang, rules);
  }
  return rules;
}

/** Picks the form for `n` in `lang`; `{n}` in the form is replaced by the formatted number. */
export function plural(lang: string, n: number, forms: PluralForms): string {
  const category = rulesFor(lang).select(n) as keyof PluralForms;
  const form = forms[category] ?? forms.other;
  return form.replace('{n}', new Intl.NumberFormat(lang).format(n));
}
