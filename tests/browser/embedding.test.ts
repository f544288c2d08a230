/**
 * What an embedder expects of the box: every widget takes its width from its container (no
 * fixed widths) and never overflows it sideways, at a phone's 360 px and a desktop's 1200 px.
 * All widgets are mounted at once, at both widths, on one mock CRM, and measured after their
 * data has loaded (tables that are wider than the box scroll inside the widget, not the host).
 */
import { expect } from '@open-wc/testing';
import { createMockAdapter, generateMockCrm } from '@crmkit/adapter-mock';
import '@crmkit/widgets/all.js';
import '@crmkit/widgets/deal-filter/crm-deal-filter.js';

const WIDGETS: readonly { tag: string; perClient?: boolean }[] = [
  { tag: 'crm-activity-counters', perClient: true },
  { tag: 'crm-client-timeline', perClient: true },
  { tag: 'crm-client-base' },
  { tag: 'crm-forgotten-deals' },
  { tag: 'crm-registry-conversion' },
  { tag: 'crm-deal-filter' },
  { tag: 'crm-shahmatka' },
  { tag: 'crm-booking-calendar' },
];
const WIDTHS = [360, 1200] as const;

function busy(el: Element): boolean {
  const text = el.shadowRoot?.textContent ?? '';
  return el.matches(':state(loading)') || /Loading…/.test(text) || text.trim().length === 0;
}

async function until(ok: () => boolean, what: () => string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('embedding: width comes from the container', () => {
  const boxes: { tag: string; width: number; box: HTMLElement; el: HTMLElement }[] = [];

  before(async () => {
    const snapshot = generateMockCrm({ scale: 'small', seed: 7, now: Date.UTC(2026, 10, 25, 9) });
    const adapter = createMockAdapter({ snapshot, persistBookings: false });
    for (const width of WIDTHS) {
      for (const w of WIDGETS) {
        const box = document.createElement('div');
        box.style.cssText = `inline-size: ${width}px; margin-block-end: 8px; outline: 1px dashed #ccc;`;
        const el = document.createElement(w.tag) as HTMLElement & { adapter?: unknown };
        el.adapter = adapter;
        el.setAttribute('lang', 'en');
        // Sizing is the subject here, not the IndexedDB cache: keep client-base's cache in memory.
        if (w.tag === 'crm-client-base') el.setAttribute('no-persist', '');
        if (w.perClient) {
          el.setAttribute('entity-type', 'company');
          el.setAttribute('entity-id', '1');
        }
        box.append(el);
        document.body.append(box);
        boxes.push({ tag: w.tag, width, box, el });
      }
    }
    await until(
      () => boxes.every((b) => customElements.get(b.tag) && !busy(b.el)),
      () => boxes.filter((b) => busy(b.el)).map((b) => `${b.tag}@${b.width}: ${(b.el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').slice(0, 300)}`).join('; '),
    );
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  });

  after(() => {
    for (const b of boxes) b.box.remove();
  });

  for (const width of WIDTHS) {
    it(`every widget is exactly as wide as its ${width} px container and does not overflow it`, () => {
      const problems: string[] = [];
      for (const b of boxes.filter((x) => x.width === width)) {
        const hostWidth = b.el.getBoundingClientRect().width;
        if (Math.abs(hostWidth - width) > 0.5) problems.push(`${b.tag}: host is ${hostWidth} px wide in a ${width} px container`);
        if (b.el.scrollWidth > b.el.clientWidth + 1) problems.push(`${b.tag}: host content is ${b.el.scrollWidth} px wide (overflows ${b.el.clientWidth} px)`);
        if (b.box.scrollWidth > width + 1) problems.push(`${b.tag}: container scrolls sideways (${b.box.scrollWidth} px)`);
        if (b.el.matches(':state(error)')) problems.push(`${b.tag}: in the error state`);
      }
      expect(problems, problems.join('\n')).to.deep.equal([]);
    });
  }
});
