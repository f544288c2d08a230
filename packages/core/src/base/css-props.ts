import { noChange, type ElementPart } from 'lit';
import { Directive, directive, PartType, type PartInfo } from 'lit/directive.js';

/** Style properties by name: camelCase (`inlineSize`), kebab-case or custom (`--_sh-cell`). */
export type CssProps = Readonly<Record<string, string | number | undefined | null>>;

const kebab = (name: string): string => (name.startsWith('--') ? name : name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`));

/**
 * Sets inline styles through the CSSOM only, every time. Lit's `styleMap` writes a `style`
 * attribute on first render, which a strict `style-src 'self'` Content-Security-Policy blocks
 * (our security promise includes running under exactly that policy); `element.style.setProperty`
 * is not inline markup and is allowed. Use it as an element binding: `<div ${cssProps({…})}>`.
 */
class CssPropsDirective extends Directive {
  private previous = new Set<string>();

  constructor(partInfo: PartInfo) {
    super(partInfo);
    if (partInfo.type !== PartType.ELEMENT) throw new Error('cssProps() must be used as an element binding: <div ${cssProps({...})}>');
  }

  render(_props: CssProps): typeof noChange {
    return noChange;
  }

  override update(part: ElementPart, [props]: [CssProps]): typeof noChange {
    const style = (part.element as HTMLElement).style;
    const next = new Set<string>();
    for (const [name, value] of Object.entries(props)) {
      const prop = kebab(name);
      if (value === undefined || value === null || value === '') continue;
      next.add(prop);
      style.setProperty(prop, String(value));
    }
    for (const prop of this.previous) if (!next.has(prop)) style.removeProperty(prop);
    this.previous = next;
    return noChange;
  }
}

export const cssProps = directive(CssPropsDirective);
