/**
 * The placement app in a page that imitates the Bitrix24 frame: a fake `BX24` (OAuth token from
 * the emulator, placement info, resizeWindow, callMethod, installFinish) over a live emulator.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { setDefaultAdapter } from '@crmkit/core/provider/default-adapter.js';
import { autoResize, install, startMenu, startTab, type TabKind } from '../app/frame.js';
import { clearBitrix24Dictionaries } from './bitrix24-adapter.js';
import { resetSharedClients } from './rest-client.js';
import type { Bx24Like } from './transport.js';
import { createPortal, type PortalHandle } from './testing/emulator-client.js';

interface FakeFrame extends Bx24Like {
  readonly resizes: [number, number][];
  readonly bound: string[];
  finished: boolean;
}

async function fakeFrame(portal: PortalHandle, id: string): Promise<FakeFrame> {
  const token = (await (await fetch(`${portal.origin}/emulator/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"userId":1}' })).json()) as { access_token: string };
  const f: FakeFrame = {
    resizes: [],
    bound: [],
    finished: false,
    getAuth: () => ({ access_token: token.access_token, domain: portal.origin }),
    refreshAuth: (cb) => cb({ access_token: token.access_token, domain: portal.origin }),
    placement: { info: () => ({ placement: 'CRM_CONTACT_DETAIL_TAB', options: { ID: id } }) },
    resizeWindow: (w, h) => void f.resizes.push([w, h]),
    callMethod: (method, params, cb) => {
      void fetch(`${portal.origin}/rest/${method}.json`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ...params, auth: token.access_token }) })
        .then((r) => r.json())
        .then((body: { error?: string }) => {
          if (method === 'placement.bind') f.bound.push(String(params.PLACEMENT));
          cb({ error: () => body.error, data: () => body });
        });
    },
    installFinish: () => {
      f.finished = true;
    },
  };
  return f;
}

describe('Bitrix24 placement app in an imitated frame', () => {
  let portal: PortalHandle;
  before(async () => {
    portal = await createPortal({ options: { bucket: false, operating: false } });
  });
  after(async () => {
    setDefaultAdapter(undefined);
    await portal.close();
  });
  afterEach(() => {
    resetSharedClients();
    clearBitrix24Dictionaries();
  });

  const cases: [TabKind, string, string, string][] = [
    ['contact', '1', 'contact', '1'],
    ['company', '1', 'company', '1'],
    ['deal', '2', 'contact', '2'],
  ];
  for (const [kind, id, entityType, entityId] of cases) {
    it(`opens the ${kind} card tab for PLACEMENT_OPTIONS.ID=${id} and sizes the frame`, async () => {
      const bx = await fakeFrame(portal, id);
      const host = document.createElement('div');
      document.body.append(host);
      try {
        await startTab(kind, host, bx, '');
        const timeline = host.querySelector('crm-client-timeline')!;
        expect(timeline.getAttribute('entity-type')).to.equal(entityType);
        expect(timeline.getAttribute('entity-id')).to.equal(entityId);
        expect(host.querySelector('crm-activity-counters')).to.exist;
        await waitUntil(() => bx.resizes.length > 0, 'the frame was resized');
        expect(bx.resizes[0][1]).to.be.greaterThan(0);
      } finally {
        host.remove();
      }
    });
  }

  it('resizes the frame down as well as up when the content shrinks', async () => {
    const bx = await fakeFrame(portal, '1');
    const host = document.createElement('div');
    document.body.append(host);
    let stop = () => undefined as void;
    try {
      stop = autoResize(bx, host);
      const filler = document.createElement('div');
      filler.style.height = '900px';
      host.append(filler);
      await waitUntil(() => bx.resizes.some(([, h]) => h >= 900), 'grew');
      filler.style.height = '10px';
      await waitUntil(() => bx.resizes[bx.resizes.length - 1][1] < 900, 'shrank');
    } finally {
      stop();
      host.remove();
    }
  });

  it('opens the left-menu page with its widgets', async () => {
    const bx = await fakeFrame(portal, '1');
    const host = document.createElement('div');
    document.body.append(host);
    try {
      startMenu(host, bx, '');
      expect(host.querySelector('crm-forgotten-deals')).to.exist;
      await waitUntil(() => bx.resizes.length > 0, 'the frame was resized');
    } finally {
      host.remove();
    }
  });

  it('install page binds the three card tabs and finishes installation', async () => {
    const bx = await fakeFrame(portal, '1');
    await install(bx, 'https://app.example/crmkit/install.html');
    expect(bx.bound).to.deep.equal(['CRM_CONTACT_DETAIL_TAB', 'CRM_COMPANY_DETAIL_TAB', 'CRM_DEAL_DETAIL_TAB']);
    expect(bx.finished).to.equal(true);
    const placements = (await (await fetch(`${portal.origin}/emulator/placements`)).json()) as { handler: string }[];
    expect(placements.map((p) => p.handler)).to.include('https://app.example/crmkit/deal-tab.html');
  });
});
