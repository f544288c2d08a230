/**
 * XSS: every text field the mock CRM can return is replaced by hostile strings from a corpus of
 * 520 payloads (script tags, event handlers, `javascript:` URLs, SVG, broken markup, bidi and
 * zero-width characters, very long strings), and every widget renders that data in real
 * Chromium. Nothing may run, no link may carry a dangerous scheme, no record may open one, and
 * no markup may be created from the data: each widget's DOM holds only the kinds of element it
 * holds for harmless text.
 */
import { expect } from '@open-wc/testing';
import type { CrmSnapshot } from '@crmkit/adapter-mock';
import { SnapshotAdapter, generateMockCrm } from '@crmkit/adapter-mock';
import type { DataAdapter } from '@crmkit/core';
import '@crmkit/widgets/all.js';
import { DEMO_WIDGETS } from '../../demo/widget-list.js';
import { watchXss, xssCorpus } from '../support/xss-corpus.js';
import { renderWidget, settle, walkShadow } from '../support/widgets.js';

/** Fields that hold people's text (or URLs) rather than ids, codes or enumerations. */
const TEXT_KEYS = new Set([
  'name', 'title', 'firstName', 'lastName', 'secondName', 'subject', 'description', 'channel', 'position',
  'phone', 'email', 'value', 'label', 'productName', 'number', 'clientName', 'specialOffer', 'address',
  'city', 'industry', 'url', 'photoUrl', 'layoutUrl', 'reason',
]);
const TEXT_LIST_KEYS = new Set(['clientNames']);

function hostile(snapshot: CrmSnapshot, texts: readonly string[]): { snapshot: CrmSnapshot; used: number } {
  let i = 0;
  const next = () => texts[i++ % texts.length] as string;
  const stringFields = new Set(
    (snapshot.entities.fieldDefinition ?? []).filter((d) => d.type === 'string').map((d) => d.code),
  );
  const visit = (value: unknown, key: string | undefined): unknown => {
    if (Array.isArray(value)) {
      if (key && TEXT_LIST_KEYS.has(key)) return value.map(() => next());
      return value.map((v) => visit(v, undefined));
    }
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        if (k === 'fields' && v && typeof v === 'object') {
          out[k] = Object.fromEntries(Object.entries(v).map(([code, fv]) => [code, stringFields.has(code) && typeof fv === 'string' ? next() : fv]));
        } else out[k] = visit(v, k);
      }
      return out;
    }
    if (typeof value === 'string' && key && TEXT_KEYS.has(key)) return next();
    return value;
  };
  const entities = visit(snapshot.entities, undefined) as CrmSnapshot['entities'];
  return { snapshot: { ...snapshot, entities }, used: i };
}

const DANGEROUS_URL = /^\s*(javascript|vbscript|data:(?!image\/(png|jpeg|gif|webp|svg\+xml)))/i;
const FORBIDDEN_TAGS = new Set(['script', 'iframe', 'object', 'embed', 'base', 'meta', 'link', 'form', 'frame', 'frameset', 'marquee', 'math', 'video', 'details', 'isindex', 'x']);

describe('XSS: hostile CRM text in every widget', function () {
  this.timeout(120_000);
  const base = generateMockCrm({ scale: 'small', seed: 7, now: Date.UTC(2026, 10, 25, 9) });
  const corpus = xssCorpus();
  // Separate origins: the cache is partitioned by origin, so the two never share cached data.
  const hostileRun = hostile({ ...base, origin: 'mock://xss-hostile' }, corpus.map((p) => p.text));
  const { snapshot, used } = hostileRun;
  const benign = hostile({ ...base, origin: 'mock://xss-benign' }, ['Иванов Иван']).snapshot;
  const client = base.situations.b2bCompanySeveralManagers[0] ?? { kind: 'company', id: '1' };

  it('uses a corpus of at least 500 payloads, each placed in the data', () => {
    expect(corpus.length).to.be.at.least(500);
    expect(used).to.be.at.least(corpus.length);
  });

  for (const widget of DEMO_WIDGETS) {
    it(`${widget.tag}: nothing runs, no dangerous URL, no markup from data`, async () => {
      const xss = watchXss();
      const opened: string[] = [];
      const originalOpen = window.open;
      window.open = ((url?: string | URL) => {
        opened.push(String(url));
        return null;
      }) as typeof window.open;
      try {
        const attrs: Record<string, string> = widget.perClient ? { 'entity-type': client.kind, 'entity-id': client.id } : {};
        const safeEl = await renderWidget(widget.tag, new SnapshotAdapter(benign) as DataAdapter, attrs);
        const allowedTags = new Set(walkShadow(safeEl).map((e) => e.localName));
        safeEl.remove();

        const el = await renderWidget(widget.tag, new SnapshotAdapter(snapshot) as DataAdapter, attrs);
        // Activate what a person would: the first rows, links and buttons that open records.
        const clickable = walkShadow(el)
          .filter((e) => e.matches('a[href], [role=row], [role=gridcell], .row, button[data-record]'))
          .slice(0, 15);
        for (const c of clickable) (c as HTMLElement).click();
        await settle(el);

        expect(xss.fired, 'no payload ran').to.deep.equal([]);
        // The hostile text is there, shown as text (the counters show numbers only).
        const shown = walkShadow(el)
          .map((e) => Array.from(e.childNodes).filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join(''))
          .join(' ');
        if (widget.tag !== 'crm-activity-counters') expect(shown).to.include('__crmkitXss(');
        for (const node of walkShadow(el)) {
          expect(FORBIDDEN_TAGS.has(node.localName) && !allowedTags.has(node.localName), `<${node.localName}> created from data`).to.equal(false);
          expect(allowedTags.has(node.localName) || node.localName.startsWith('crm-'), `unexpected <${node.localName}>`).to.equal(true);
          for (const attr of Array.from(node.attributes)) {
            expect(/^on/i.test(attr.name), `event-handler attribute ${attr.name} on <${node.localName}>`).to.equal(false);
            if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data'].includes(attr.name)) {
              expect(DANGEROUS_URL.test(attr.value), `${attr.name}="${attr.value.slice(0, 60)}"`).to.equal(false);
            }
          }
        }
        for (const url of opened) expect(DANGEROUS_URL.test(url), `opened ${url.slice(0, 60)}`).to.equal(false);
        el.remove();
      } finally {
        window.open = originalOpen;
        xss.dispose();
      }
    });
  }
});
