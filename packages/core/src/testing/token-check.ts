import type { CSSResultGroup, CSSResultOrNative } from 'lit';

/**
 * Material Web's token test, for crmkit: private `--_crm-*` properties must be defined where
 * they are used and used where they are defined. A typo (`--_crm-fg-mute`) silently falls back
 * to nothing; a leftover definition is dead weight nobody dares to remove.
 */
export interface TokenReport {
  /** Private properties read with `var()` but defined nowhere in the scanned styles. */
  readonly usedUndefined: readonly string[];
  /** Private properties defined in the element's own styles but never read. */
  readonly definedUnused: readonly string[];
}

export interface TokenCheckOptions {
  /**
   * Styles whose definitions count as available but need not be used by this element (the
   * shared palette in `hostStyles`, which every element gets and few use in full).
   */
  readonly shared?: CSSResultGroup | readonly string[];
}

type StyleInput = CSSResultGroup | CSSResultOrNative | string | readonly (CSSResultGroup | string)[] | undefined;

/** CSS text of Lit styles (nested arrays, CSSResult, CSSStyleSheet) or plain strings. */
export function cssTextOf(styles: StyleInput): string {
  if (styles === undefined || styles === null) return '';
  if (typeof styles === 'string') return styles;
  if (Array.isArray(styles)) return (styles as readonly StyleInput[]).map(cssTextOf).join('\n');
  if (typeof CSSStyleSheet !== 'undefined' && styles instanceof CSSStyleSheet) {
    return [...styles.cssRules].map((r) => r.cssText).join('\n');
  }
  return (styles as { cssText?: string }).cssText ?? '';
}

const stripComments = (css: string): string => css.replace(/\/\*[\s\S]*?\*\//g, '');

/** Private properties defined (`--_crm-x:`) in CSS text. */
export function definedTokens(css: string): Set<string> {
  return new Set([...stripComments(css).matchAll(/(--_crm-[\w-]+)\s*:/g)].map((m) => m[1] as string));
}

/** Private properties read (`var(--_crm-x`) in CSS text. */
export function usedTokens(css: string): Set<string> {
  return new Set([...stripComments(css).matchAll(/var\(\s*(--_crm-[\w-]+)/g)].map((m) => m[1] as string));
}

/** Checks CSS text (or Lit styles) for private tokens used-but-undefined and defined-but-unused. */
export function checkTokens(styles: StyleInput, options: TokenCheckOptions = {}): TokenReport {
  const own = cssTextOf(styles);
  const shared = cssTextOf(options.shared as StyleInput);
  const sharedDefined = definedTokens(shared);
  // The element's styles usually include the shared ones (hostStyles first): only definitions
  // the shared styles do not make are the element's own.
  const defined = new Set([...definedTokens(own)].filter((t) => !sharedDefined.has(t)));
  const available = new Set([...defined, ...sharedDefined]);
  const used = usedTokens(own);
  // A shared definition may itself read other shared tokens; those count as used.
  for (const t of usedTokens(shared)) used.add(t);
  return {
    usedUndefined: [...used].filter((t) => !available.has(t)).sort(),
    definedUnused: [...defined].filter((t) => !used.has(t)).sort(),
  };
}

/** The finalized styles of a Lit element class (its `elementStyles`, base classes included). */
export function elementStylesOf(ctor: CustomElementConstructor | (abstract new () => HTMLElement)): string {
  const c = ctor as unknown as { finalize?: () => void; elementStyles?: readonly CSSResultOrNative[] };
  c.finalize?.();
  return cssTextOf(c.elementStyles ?? []);
}

/**
 * Throws with a readable list when an element's styles break the token rules; call it from a
 * widget's test: `assertTokens(CrmClientTimeline, { shared: hostStyles })`.
 */
export function assertTokens(ctor: CustomElementConstructor | (abstract new () => HTMLElement), options: TokenCheckOptions = {}): void {
  const report = checkTokens(elementStylesOf(ctor), options);
  const problems = [
    ...report.usedUndefined.map((t) => `${t} is used but never defined`),
    ...report.definedUnused.map((t) => `${t} is defined but never used`),
  ];
  if (problems.length) throw new Error(`Private tokens of ${ctor.name}:\n  ${problems.join('\n  ')}`);
}
