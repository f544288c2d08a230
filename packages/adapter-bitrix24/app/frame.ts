/**
 * The placement app's runtime: reads the placement from the Bitrix24 frame, builds the adapter
 * over the frame's OAuth token (refreshed through the frame), shows the widgets and keeps the
 * iframe exactly as tall as the content, both ways (`fitWindow` only grows, so we measure and
 * call `resizeWindow`).
 *
 * The frame API is the page's legacy `BX24` global when the portal injected one; otherwise, in a
 * frame, the official SDK (`@bitrix24/b24jssdk`, bundled, loaded on demand by `import()`):
 * `initializeB24Frame()` reads the portal's domain and app id from `window.name` and does the
 * postMessage handshake; {@link fromSdk} adapts its `B24Frame` to what the handlers use.
 *
 * Outside a frame (development), `?webhook=<url>&entity=contact&id=5` does the same over a webhook.
 */
import { setDefaultAdapter } from '@crmkit/core/provider/default-adapter.js';
import { createBitrix24Adapter, type Bitrix24Adapter } from '../src/bitrix24-adapter.js';
import type { B24FrameLike, Bx24Like } from '../src/transport.js';
import '@crmkit/widgets/client-timeline/crm-client-timeline.js';
import '@crmkit/widgets/activity-counters/crm-activity-counters.js';
import '@crmkit/widgets/forgotten-deals/crm-forgotten-deals.js';
import '@crmkit/widgets/client-base/crm-client-base.js';
import '@crmkit/widgets/registry-conversion/crm-registry-conversion.js';

export type TabKind = 'contact' | 'company' | 'deal';

export const PLACEMENTS = {
  CRM_CONTACT_DETAIL_TAB: 'contact-tab.html',
  CRM_COMPANY_DETAIL_TAB: 'company-tab.html',
  CRM_DEAL_DETAIL_TAB: 'deal-tab.html',
} as const;

function frame(): Bx24Like | undefined {
  return (globalThis as { BX24?: Bx24Like }).BX24;
}

/**
 * The part of the SDK's `B24Frame` the handlers use (from `@bitrix24/b24jssdk` 2.2's
 * `dist/esm/index.d.ts`: `auth`, `placement.placement/options`, `parent.resizeWindow`,
 * `actions.v2.call.make`, `installFinish`).
 */
export interface SdkFrame extends B24FrameLike {
  readonly placement: { readonly placement: string; readonly options: unknown };
  readonly parent: { resizeWindow(width: number, height: number): Promise<unknown> };
  readonly actions: {
    readonly v2: {
      readonly call: {
        make(options: { method: string; params?: Record<string, unknown> }): Promise<{ readonly isSuccess: boolean; getErrorMessages(): string[] }>;
      };
    };
  };
  installFinish(): Promise<unknown>;
}

/** The SDK module as the app uses it: the seam tests replace. */
export interface SdkModule {
  initializeB24Frame(): Promise<SdkFrame>;
}

/** What the handlers get: the legacy calls (placement, resize, callMethod) plus the SDK's `auth`. */
export type FrameApi = Bx24Like & Partial<B24FrameLike>;

/**
 * The SDK's `B24Frame` seen through the `BX24` calls the handlers make. `auth` is kept as is, so
 * the adapter authenticates through the SDK (token refresh by the parent window).
 */
export function fromSdk(b24: SdkFrame): FrameApi {
  return {
    auth: b24.auth,
    getAuth: () => b24.auth.getAuthData(),
    refreshAuth: (cb) => void b24.auth.refreshAuth().then(cb, () => cb(false)),
    placement: { info: () => ({ placement: b24.placement.placement, options: (b24.placement.options ?? {}) as Record<string, unknown> }) },
    // The SDK sends `resizeWindow` with `isSafely`: it settles even when the parent stays silent.
    resizeWindow: (w, h) => void b24.parent.resizeWindow(w, h).catch(() => undefined),
    callMethod: (method, params, cb) => {
      b24.actions.v2.call.make({ method, params }).then(
        (r) => cb({ error: () => (r.isSuccess ? undefined : r.getErrorMessages().join('; ') || 'error') }),
        (e: unknown) => cb({ error: () => (e instanceof Error ? e.message : String(e)) }),
      );
    },
    installFinish: () => b24.installFinish(),
  };
}

export interface FrameEnv {
  /** Whether the page runs inside an iframe (the portal's). */
  readonly inFrame: boolean;
  /** Loads the SDK; a dynamic `import()` so pages with `BX24` (and the adapter) never pay for it. */
  readonly loadSdk: () => Promise<SdkModule>;
}

const defaultEnv = (): FrameEnv => ({
  inFrame: typeof window !== 'undefined' && window.parent !== window,
  // Destructured, so the bundler keeps only what `initializeB24Frame` needs of the SDK.
  loadSdk: async () => {
    const { initializeB24Frame } = await import('@bitrix24/b24jssdk');
    return { initializeB24Frame: initializeB24Frame as SdkModule['initializeB24Frame'] };
  },
});

/**
 * The page's frame API: `BX24` after `BX24.init` when the portal injected it; else, inside a
 * frame, the SDK's `B24Frame` after its handshake; else (development over `?webhook=`) none.
 */
export async function frameReady(bx: FrameApi | undefined = frame(), env: Partial<FrameEnv> = {}): Promise<FrameApi | undefined> {
  if (bx) return new Promise((resolve) => (bx.init ? bx.init(() => resolve(bx)) : resolve(bx)));
  const { inFrame, loadSdk } = { ...defaultEnv(), ...env };
  if (!inFrame) return undefined;
  const sdk = await loadSdk();
  return fromSdk(await sdk.initializeB24Frame());
}

export function makeAdapter(bx: FrameApi | undefined, search = location.search): Bitrix24Adapter {
  const webhook = new URLSearchParams(search).get('webhook');
  if (bx) return createBitrix24Adapter({ frame: bx.auth ? (bx as B24FrameLike) : bx });
  if (webhook) return createBitrix24Adapter({ webhook });
  throw new Error('Open this page inside Bitrix24, or pass ?webhook=<inbound webhook URL> for development.');
}

/** The card's record id: `PLACEMENT_OPTIONS.ID` from the frame, or `?id=` outside it. */
export function placementId(bx: Bx24Like | undefined, search = location.search): string {
  const opts = bx?.placement?.info().options as { ID?: unknown } | undefined;
  return String(opts?.ID ?? new URLSearchParams(search).get('id') ?? '');
}

/** Keeps the iframe as tall as the content, growing and shrinking. Returns a stop function. */
export function autoResize(bx: Bx24Like | undefined, root: HTMLElement = document.body): () => void {
  if (!bx?.resizeWindow) return () => undefined;
  let last = -1;
  const measure = () => {
    const h = Math.ceil(root.getBoundingClientRect().height + 16);
    if (h !== last) {
      last = h;
      bx.resizeWindow!(document.documentElement.clientWidth || 800, h);
    }
  };
  // ResizeObserver catches layout changes; a MutationObserver also catches DOM changes in pages
  // the browser does not paint (a background tab), since it runs without waiting for a frame.
  const ro = new ResizeObserver(measure);
  ro.observe(root);
  const mo = new MutationObserver(measure);
  mo.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
  measure();
  return () => {
    ro.disconnect();
    mo.disconnect();
  };
}

/** A card tab: counters and the client's timeline for the card's record. */
export async function startTab(kind: TabKind, container: HTMLElement, bx = frame(), search = location.search): Promise<Bitrix24Adapter> {
  const adapter = makeAdapter(bx, search);
  setDefaultAdapter(adapter);
  let entityType: 'contact' | 'company' = kind === 'company' ? 'company' : 'contact';
  let entityId = placementId(bx, search);
  if (kind === 'deal') {
    // A deal's tab shows its client: the company, else the first contact.
    const deal = await adapter.get('deal', entityId);
    if (deal.companyId) {
      entityType = 'company';
      entityId = deal.companyId;
    } else {
      entityId = deal.contactIds[0] ?? '';
    }
  }
  const counters = document.createElement('crm-activity-counters');
  counters.setAttribute('entity-type', entityType);
  counters.setAttribute('entity-id', entityId);
  counters.setAttribute('for', 'timeline');
  const timeline = document.createElement('crm-client-timeline');
  timeline.id = 'timeline';
  timeline.setAttribute('entity-type', entityType);
  timeline.setAttribute('entity-id', entityId);
  container.replaceChildren(counters, timeline);
  autoResize(bx, container);
  return adapter;
}

/** The left-menu page: client base, forgotten deals, registry conversion. */
export function startMenu(container: HTMLElement, bx = frame(), search = location.search): Bitrix24Adapter {
  const adapter = makeAdapter(bx, search);
  setDefaultAdapter(adapter);
  container.replaceChildren(document.createElement('crm-client-base'), document.createElement('crm-forgotten-deals'), document.createElement('crm-registry-conversion'));
  autoResize(bx, container);
  return adapter;
}

/** The install page: binds the three card tabs to this app's handlers, then finishes installation. */
export async function install(bx: Bx24Like, baseUrl: string): Promise<void> {
  const call = (method: string, params: Record<string, unknown>) =>
    new Promise<void>((resolve, reject) =>
      bx.callMethod!(method, params, (r) => {
        const err = (r as { error?: () => unknown }).error?.();
        if (err) reject(new Error(String(err)));
        else resolve();
      }),
    );
  const titles: Record<keyof typeof PLACEMENTS, string> = {
    CRM_CONTACT_DETAIL_TAB: 'Клиент: история',
    CRM_COMPANY_DETAIL_TAB: 'Клиент: история',
    CRM_DEAL_DETAIL_TAB: 'Клиент: история',
  };
  for (const [placement, file] of Object.entries(PLACEMENTS) as [keyof typeof PLACEMENTS, string][]) {
    await call('placement.bind', { PLACEMENT: placement, HANDLER: new URL(file, baseUrl).href, TITLE: titles[placement] });
  }
  await bx.installFinish?.();
}
