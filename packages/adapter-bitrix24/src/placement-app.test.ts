/**
 * The placement app in a page that imitates the Bitrix24 frame, over a live emulator:
 * - the legacy path: a fake `BX24` (OAuth token from the emulator, placement info, resizeWindow,
 *   callMethod, installFinish);
 * - the SDK path: a stand-in `B24Frame` behind the `loadSdk` seam (tabs, install), and the real
 *   `@bitrix24/b24jssdk` talking to a fake parent window over its postMessage protocol.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { setDefaultAdapter } from '@crmkit/core/provider/default-adapter.js';
import { autoResize, frameReady, install, placementId, startMenu, startTab, type FrameApi, type SdkFrame, type SdkModule, type TabKind } from '../app/frame.js';
import { clearBitrix24Dictionaries } from './bitrix24-adapter.js';
import { resetSharedClients } from './rest-client.js';
import { frameAuth, type Bx24Like } from './transport.js';
import { createPortal, type PortalHandle } from './testing/emulator-client.js';

interface FakeFrame extends Bx24Like {
  readonly resizes: [number, number][];
  readonly bound: string[];
  finished: boolean;
}

async function emulatorToken(portal: PortalHandle): Promise<string> {
  const r = await fetch(`${portal.origin}/emulator/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"userId":1}' });
  return ((await r.json()) as { access_token: string }).access_token;
}

async function fakeFrame(portal: PortalHandle, id: string): Promise<FakeFrame> {
  const token = { access_token: await emulatorToken(portal) };
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

interface FakeSdk extends SdkFrame {
  readonly resizes: [number, number][];
  readonly bound: string[];
  finished: boolean;
}

/** A stand-in for the SDK's `B24Frame` (same members as its type declarations) over the emulator. */
async function fakeSdkFrame(portal: PortalHandle, id: string): Promise<FakeSdk> {
  const accessToken = await emulatorToken(portal);
  const auth = { access_token: accessToken, domain: portal.origin };
  const f: FakeSdk = {
    resizes: [],
    bound: [],
    finished: false,
    auth: { getAuthData: () => auth, refreshAuth: async () => auth },
    placement: { placement: 'CRM_DEAL_DETAIL_TAB', options: { ID: id } },
    parent: {
      resizeWindow: async (w, h) => {
        f.resizes.push([w, h]);
      },
    },
    actions: {
      v2: {
        call: {
          make: async ({ method, params }) => {
            const r = await fetch(`${portal.origin}/rest/${method}.json`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ...params, auth: accessToken }) });
            const body = (await r.json()) as { error?: string };
            if (method === 'placement.bind' && !body.error) f.bound.push(String(params?.PLACEMENT));
            return { isSuccess: !body.error, getErrorMessages: () => (body.error ? [body.error] : []) };
          },
        },
      },
    },
    installFinish: async () => {
      f.finished = true;
    },
  };
  return f;
}

/** `frameReady` in a frame without `BX24`, with the SDK module replaced by the stand-in. */
async function sdkHost(sdk: SdkFrame): Promise<FrameApi> {
  let loads = 0;
  const host = await frameReady(undefined, { inFrame: true, loadSdk: async () => ((loads++, { initializeB24Frame: async () => sdk })) });
  expect(loads, 'the SDK is loaded once').to.equal(1);
  return host!;
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

  it('outside a frame and without BX24 it loads no SDK (development over ?webhook=)', async () => {
    let loaded = false;
    const host = await frameReady(undefined, { inFrame: false, loadSdk: async () => ((loaded = true), { initializeB24Frame: () => Promise.reject(new Error('no')) }) });
    expect(host).to.equal(undefined);
    expect(loaded).to.equal(false);
  });

  it('SDK path: a deal tab authenticates through B24Frame.auth, reads PLACEMENT_OPTIONS.ID and sizes the frame', async () => {
    const sdk = await fakeSdkFrame(portal, '2');
    const bx = await sdkHost(sdk);
    expect(placementId(bx, '')).to.equal('2');
    const host = document.createElement('div');
    document.body.append(host);
    try {
      await startTab('deal', host, bx, '');
      const timeline = host.querySelector('crm-client-timeline')!;
      expect(timeline.getAttribute('entity-type')).to.equal('contact');
      expect(timeline.getAttribute('entity-id')).to.equal('2');
      await waitUntil(() => sdk.resizes.length > 0, 'the frame was resized through parent.resizeWindow');
      const filler = document.createElement('div');
      filler.style.height = '900px';
      host.append(filler);
      await waitUntil(() => sdk.resizes.some(([, h]) => h >= 900), 'grew', { timeout: 10_000 });
      // The timeline may still be growing as its data arrives: "shrank" means smaller than the
      // frame was with the filler, whatever the timeline's own height.
      const grown = Math.max(...sdk.resizes.map(([, h]) => h));
      filler.remove();
      await waitUntil(() => (sdk.resizes[sdk.resizes.length - 1]?.[1] ?? grown) < grown, 'shrank', { timeout: 10_000 });
    } finally {
      host.remove();
    }
  });

  it('SDK path: the install page binds the three tabs through actions.v2.call and finishes', async () => {
    const sdk = await fakeSdkFrame(portal, '1');
    await install(await sdkHost(sdk), 'https://app.example/crmkit/install.html');
    expect(sdk.bound).to.deep.equal(['CRM_CONTACT_DETAIL_TAB', 'CRM_COMPANY_DETAIL_TAB', 'CRM_DEAL_DETAIL_TAB']);
    expect(sdk.finished).to.equal(true);
  });
});

/**
 * The SDK's own browser build (the test server does not map axios's Node files to browser ones
 * the way Vite does when it bundles the app; the UMD build is the same SDK, bundled by Bitrix24).
 */
function loadRealSdk(): Promise<SdkModule> {
  const g = globalThis as { B24Js?: SdkModule };
  if (g.B24Js) return Promise.resolve(g.B24Js);
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = '/node_modules/@bitrix24/b24jssdk/dist/umd/index.min.js';
    s.onload = () => (g.B24Js ? resolve(g.B24Js) : reject(new Error('no B24Js global')));
    s.onerror = () => reject(new Error('SDK script did not load'));
    document.head.append(s);
  });
}

/**
 * The real SDK against a fake parent window. A test page is its own parent (`parent === window`),
 * so the SDK's `parent.postMessage(…)` lands on this window: the fake parent answers commands the
 * way the portal does (`<callback id>:<JSON>`), from the same origin that `window.name` names.
 */
describe('Bitrix24 placement app with the real @bitrix24/b24jssdk and a fake parent window', () => {
  const commands: { cmd: string; params: unknown }[] = [];
  let tokens = 0;
  const onMessage = (e: MessageEvent) => {
    if (typeof e.data !== 'string') return;
    // `<command>:<params JSON, may hold colons>:<callback id>:<app sid>`, params optional.
    const m = /^(getInitData|refreshAuth|resizeWindow|setInstallFinish|setInstall):(?:(.*):)?([^:]+):(test-sid)$/.exec(e.data);
    if (!m) return;
    const [, cmd, params, callback] = m;
    commands.push({ cmd, params: params ? (JSON.parse(params) as unknown) : undefined });
    const auth = { AUTH_ID: `token-${++tokens}`, REFRESH_ID: 'r', AUTH_EXPIRES: '3600' };
    const reply: unknown =
      cmd === 'getInitData'
        ? { ...auth, DOMAIN: location.host, PROTOCOL: location.protocol === 'https:' ? 1 : 0, PATH: '/rest/', LANG: 'ru', MEMBER_ID: 'm1', IS_ADMIN: true, APP_OPTIONS: {}, USER_OPTIONS: {}, PLACEMENT: 'CRM_CONTACT_DETAIL_TAB', PLACEMENT_OPTIONS: { ID: '7' }, INSTALL: true, FIRST_RUN: false }
        : cmd === 'refreshAuth'
          ? auth
          : {};
    window.postMessage(`${callback}:${JSON.stringify(reply)}`, location.origin);
  };
  let savedName = '';
  before(() => {
    savedName = window.name;
    // What the portal puts in the frame's name: `<domain>|<1 for https>|<app sid>`.
    window.name = `${location.host}|${location.protocol === 'https:' ? 1 : 0}|test-sid`;
    window.addEventListener('message', onMessage);
  });
  after(() => {
    window.removeEventListener('message', onMessage);
    window.name = savedName;
  });

  it('handshakes, then gives auth, PLACEMENT_OPTIONS.ID, resizes both ways, refreshes the token and finishes installation', async () => {
    const bx = (await frameReady(undefined, { inFrame: true, loadSdk: loadRealSdk }))!;
    expect(commands[0].cmd).to.equal('getInitData');
    expect(placementId(bx, '')).to.equal('7');
    const auth = frameAuth(bx.auth ? { auth: bx.auth } : bx);
    expect(auth.getAuth()).to.include({ accessToken: 'token-1', origin: location.origin });
    expect((await auth.refreshAuth()).accessToken).to.equal('token-2');

    const host = document.createElement('div');
    document.body.append(host);
    const stop = autoResize(bx, host);
    try {
      const heights = () => commands.filter((c) => c.cmd === 'resizeWindow').map((c) => (c.params as { height: number }).height);
      const filler = document.createElement('div');
      filler.style.height = '900px';
      host.append(filler);
      await waitUntil(() => heights().some((h) => h >= 900), 'grew');
      filler.style.height = '10px';
      await waitUntil(() => heights()[heights().length - 1] < 900, 'shrank');
    } finally {
      stop();
      host.remove();
    }
    await bx.installFinish!();
    expect(commands.map((c) => c.cmd)).to.include('setInstallFinish');
  });
});
