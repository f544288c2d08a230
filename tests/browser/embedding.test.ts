/**
 * What an embedder expects of the box: every widget takes its width from its container (no
 * fixed widths) and never overflows it sideways, at a phone's 360 px and a desktop's 1200 px.
 * All widgets are mounted at once, at both widths, on one mock CRM, and measured after their
 * data has loaded (tables that are wider than the box scroll inside the widget, not the host).
 * The same widgets then follow `prefers-color-scheme: dark` and `prefers-reduced-motion: reduce`,
 * and their height follows the container: in a 300 px high box each stays inside it and scrolls
 * its content; in a box of auto height each grows to show everything.
 * `@crmkit/widgets/all.js` alone registers every element used here, `<crm-provider>` included, and
 * the per-client widgets take their entity id as a number.
 */
import { expect } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { createMockAdapter, generateMockCrm } from '@crmkit/adapter-mock';
import '@crmkit/widgets/all.js';

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

/**
 * Two animation frames, or 200 ms when the page is in the background (wtr runs two test pages at
 * once, and a hidden page gets no frames): layout is read synchronously by the checks anyway.
 */
function frames(): Promise<void> {
  return new Promise((r) => {
    requestAnimationFrame(() => requestAnimationFrame(() => r()));
    setTimeout(r, 200);
  });
}

async function until(ok: () => boolean, what: () => string, ms = 90_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('embedding: width comes from the container', function () {
  // Sixteen widgets load their data at once; on a busy 2-core runner that takes a while.
  this.timeout(120_000);
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
          // A number, as React and Vue pass `entityId={1}` / `:entity-id="1"`.
          (el as HTMLElement & { entityId?: string | number }).entityId = 1;
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
    await frames();
  });

  after(async () => {
    for (const b of boxes) b.box.remove();
    await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
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

  it('all.js registers every widget, the deal filter and <crm-provider>; numeric entity ids load', () => {
    expect(['crm-provider', ...WIDGETS.map((w) => w.tag)].filter((t) => !customElements.get(t))).to.deep.equal([]);
    for (const b of boxes.filter((x) => WIDGETS.find((w) => w.tag === x.tag)?.perClient)) {
      expect(b.el.getAttribute('entity-id'), b.tag).to.equal('1');
      expect(b.el.matches(':state(error)'), `${b.tag} in the error state`).to.equal(false);
    }
  });

  it('in a 300 px high container every widget stays inside it and scrolls its content', async () => {
    const wide = boxes.filter((b) => b.width === 1200);
    const natural = new Map(wide.map((b) => [b, b.el.getBoundingClientRect().height]));
    for (const b of wide) b.box.style.blockSize = '300px';
    await frames();
    const problems: string[] = [];
    const scrolled: string[] = [];
    for (const b of wide) {
      const h = b.el.getBoundingClientRect().height;
      if (h > 300.5) problems.push(`${b.tag}: host is ${h} px high in a 300 px container`);
      if (b.box.scrollHeight > 301) problems.push(`${b.tag}: the container overflows (${b.box.scrollHeight} px of content)`);
      if ((natural.get(b) ?? 0) > 301) {
        // Taller than the box: the widget's own content scrolls, and moving it shows more.
        if (b.el.scrollHeight <= b.el.clientHeight + 1) problems.push(`${b.tag}: ${natural.get(b)} px of content, but nothing scrolls inside the host`);
        b.el.scrollTop = 120;
        if (b.el.scrollTop < 100) problems.push(`${b.tag}: scrolling the host moved it to ${b.el.scrollTop} px`);
        else scrolled.push(b.tag);
        b.el.scrollTop = 0;
      }
    }
    for (const b of wide) b.box.style.blockSize = '';
    expect(problems, problems.join('\n')).to.deep.equal([]);
    // Most widgets are taller than 300 px with the mock portal's data: the check is not vacuous.
    expect(scrolled.length, scrolled.join(', ')).to.be.greaterThanOrEqual(5);
  });

  it('in a container of auto height every widget grows to show all of its content', async () => {
    await frames();
    const problems: string[] = [];
    for (const b of boxes) {
      const h = b.el.getBoundingClientRect().height;
      if (b.el.scrollHeight > b.el.clientHeight + 1) problems.push(`${b.tag}@${b.width}: scrolls inside (${b.el.scrollHeight} px in ${b.el.clientHeight} px)`);
      if (Math.abs(b.box.getBoundingClientRect().height - h) > 1) problems.push(`${b.tag}@${b.width}: the container is not as high as the widget`);
    }
    expect(problems, problems.join('\n')).to.deep.equal([]);
    expect(boxes.filter((b) => b.el.getBoundingClientRect().height > 300).length).to.be.greaterThanOrEqual(5);
  });

  it('follows prefers-color-scheme: dark with no class anywhere', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    await frames();
    expect(matchMedia('(prefers-color-scheme: dark)').matches).to.equal(true);
    const light = boxes.filter((b) => getComputedStyle(b.el).backgroundColor !== 'rgb(22, 27, 34)').map((b) => `${b.tag}@${b.width}: ${getComputedStyle(b.el).backgroundColor}`);
    await emulateMedia({ colorScheme: 'light' });
    expect(light, light.join('\n')).to.deep.equal([]);
  });

  it('stops animations and transitions under prefers-reduced-motion: reduce', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    await frames();
    expect(matchMedia('(prefers-reduced-motion: reduce)').matches).to.equal(true);
    const moving: string[] = [];
    const seconds = (v: string) => Math.max(...v.split(',').map((x) => (x.trim().endsWith('ms') ? parseFloat(x) / 1000 : parseFloat(x))));
    const visit = (root: ShadowRoot, tag: string) => {
      for (const node of root.querySelectorAll('*')) {
        const cs = getComputedStyle(node);
        if (seconds(cs.transitionDuration) > 0.001 || seconds(cs.animationDuration) > 0.001) moving.push(`${tag} ${node.localName}.${node.className}`);
        if (node.shadowRoot) visit(node.shadowRoot, tag);
      }
    };
    for (const b of boxes) if (b.el.shadowRoot) visit(b.el.shadowRoot, b.tag);
    await emulateMedia({ reducedMotion: 'no-preference' });
    expect([...new Set(moving)], moving.join('\n')).to.deep.equal([]);
  });
});
