import type { DataAdapter } from '@crmkit/core';

/** Every element below `root`, through open shadow roots, in document order. */
export function walkShadow(root: Element): Element[] {
  const out: Element[] = [];
  const visit = (node: Element | ShadowRoot) => {
    for (const child of Array.from(node.children)) {
      out.push(child);
      visit(child);
      if (child.shadowRoot) visit(child.shadowRoot);
    }
  };
  if (root.shadowRoot) visit(root.shadowRoot);
  visit(root);
  return out;
}

/** Waits until the element and every crmkit element inside it has rendered and stopped loading. */
export async function settle(el: Element, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    const all = [el, ...walkShadow(el)].filter((e) => e.localName.startsWith('crm-')) as (Element & { updateComplete?: Promise<unknown> })[];
    await Promise.all(all.map((e) => e.updateComplete));
    const loading = all.some((e) => {
      try {
        return e.matches(':state(loading)');
      } catch {
        return false;
      }
    });
    if (!loading) {
      // One more frame so chained renders (data → virtualized rows) land; a page the runner
      // keeps in the background paints no frames, so wait 150 ms at most.
      await new Promise<void>((r) => {
        const t = setTimeout(r, 150);
        requestAnimationFrame(() =>
          setTimeout(() => {
            clearTimeout(t);
            r();
          }, 30),
        );
      });
      return;
    }
    if (Date.now() - started > timeoutMs) throw new Error(`<${el.localName}> still loading after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Mounts `tag` with an adapter and attributes in a 1000 px container and waits for it to settle. */
export async function renderWidget(
  tag: string,
  adapter: DataAdapter,
  attrs: Record<string, string> = {},
  width = 1000,
): Promise<HTMLElement & { adapter?: DataAdapter }> {
  const container = document.createElement('div');
  container.style.inlineSize = `${width}px`;
  document.body.append(container);
  const el = document.createElement(tag) as HTMLElement & { adapter?: DataAdapter };
  el.adapter = adapter;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  container.append(el);
  await settle(el);
  return el;
}
