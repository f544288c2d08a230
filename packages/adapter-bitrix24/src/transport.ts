/**
 * Transports: how one HTTP request reaches the portal. They know nothing of batching, limits
 * or retries (the REST client does that); they only send and authenticate.
 *
 * - {@link WebhookTransport}: an inbound webhook URL (`https://portal/rest/<user>/<secret>/`).
 * - {@link OAuthTransport}: a token-bearing app; `getAuth()` and `refreshAuth()` come from the
 *   frame (`BX24` or the SDK's `B24Frame`, see {@link frameAuth}) or from the host page.
 */

export interface RawResponse {
  readonly status: number;
  /** Parsed JSON body. */
  readonly body: unknown;
}

export interface Transport {
  /** Where data comes from; keys the shared queue and the cache. */
  readonly origin: string;
  /** The webhook's user, when the URL says it. */
  readonly userId?: string;
  send(method: string, params: Record<string, unknown>, signal?: AbortSignal): Promise<RawResponse>;
  /** Bumped on every token change, so a late `expired_token` for an old token needs no new refresh. */
  readonly authVersion?: number;
  /** Gets a fresh token unless it changed since `seenVersion`; absent for webhooks, which never expire. */
  refreshAuth?(seenVersion?: number): Promise<void>;
}

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

async function postJson(fetchImpl: FetchLike, url: string, params: Record<string, unknown>, signal?: AbortSignal): Promise<RawResponse> {
  const res = await fetchImpl(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(params),
    signal,
    credentials: 'omit',
  });
  const text = await res.text();
  // A truncated or non-JSON body throws SyntaxError: the client treats it as a bad response.
  const body: unknown = JSON.parse(text);
  return { status: res.status, body };
}

/**
 * Parses and checks a webhook URL. The URL is a secret with its creator's rights: it must never
 * be logged, put in a page's address or sent anywhere but its own portal.
 */
export function parseWebhookUrl(url: string): { base: string; origin: string; userId: string } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new TypeError('Bitrix24 webhook: not a URL');
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new TypeError('Bitrix24 webhook: must be http(s)');
  const m = /^(.*\/rest\/(\d+)\/[^/]+)\/?/.exec(u.pathname);
  if (!m) throw new TypeError('Bitrix24 webhook: expected …/rest/<user id>/<secret>/');
  return { base: `${u.origin}${m[1]}/`, origin: u.origin, userId: m[2] };
}

export class WebhookTransport implements Transport {
  readonly origin: string;
  readonly userId: string;
  private readonly base: string;
  private readonly fetchImpl: FetchLike;

  constructor(url: string, fetchImpl: FetchLike = (i, init) => fetch(i, init)) {
    const p = parseWebhookUrl(url);
    this.base = p.base;
    this.origin = p.origin;
    this.userId = p.userId;
    this.fetchImpl = fetchImpl;
  }

  send(method: string, params: Record<string, unknown>, signal?: AbortSignal): Promise<RawResponse> {
    return postJson(this.fetchImpl, `${this.base}${method}.json`, params, signal);
  }
}

export interface AuthData {
  readonly accessToken: string;
  /** `https://portal.bitrix24.ru` (the frame gives a bare domain; we add the scheme). */
  readonly origin: string;
  readonly userId?: string;
}

export interface AuthSource {
  getAuth(): AuthData | null;
  refreshAuth(): Promise<AuthData>;
}

export class OAuthTransport implements Transport {
  readonly origin: string;
  readonly userId?: string;
  private readonly auth: AuthSource;
  private readonly fetchImpl: FetchLike;
  private current: AuthData;
  private refreshing: Promise<void> | null = null;
  authVersion = 0;

  constructor(auth: AuthSource, fetchImpl: FetchLike = (i, init) => fetch(i, init)) {
    const a = auth.getAuth();
    if (!a) throw new TypeError('Bitrix24: the frame gave no auth data');
    this.auth = auth;
    this.current = a;
    this.origin = a.origin;
    this.userId = a.userId;
    this.fetchImpl = fetchImpl;
  }

  send(method: string, params: Record<string, unknown>, signal?: AbortSignal): Promise<RawResponse> {
    return postJson(this.fetchImpl, `${this.origin}/rest/${method}.json`, { ...params, auth: this.current.accessToken }, signal);
  }

  /** Coalesced: every client and adapter using this transport waits for the same refresh. */
  refreshAuth(seenVersion?: number): Promise<void> {
    if (seenVersion !== undefined && seenVersion !== this.authVersion) return Promise.resolve();
    this.refreshing ??= this.auth
      .refreshAuth()
      .then((a) => {
        this.current = a;
        this.authVersion++;
      })
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }
}

/** The part of the legacy `BX24` global we use (api.bitrix24.com/api/v1/). */
export interface Bx24Like {
  getAuth(): { access_token: string; domain: string; member_id?: string; expires_in?: number } | false;
  refreshAuth(callback: (auth: { access_token: string; domain: string } | false) => void): void;
  getDomain?(): string;
  fitWindow?(callback?: () => void): void;
  resizeWindow?(width: number, height: number, callback?: () => void): void;
  placement?: { info(): { placement: string; options: Record<string, unknown> } };
  callMethod?(method: string, params: Record<string, unknown>, callback: (result: unknown) => void): void;
  /** `void` in BX24; the SDK adapter returns its promise. */
  installFinish?(): void | Promise<unknown>;
  init?(callback: () => void): void;
}

/** The part of the official SDK's `B24Frame` we use (`$b24.auth`). */
export interface B24FrameLike {
  auth: {
    getAuthData(): { access_token: string; domain: string } | false;
    refreshAuth(): Promise<{ access_token: string; domain: string }>;
  };
}

function withScheme(domain: string): string {
  return /^https?:\/\//.test(domain) ? domain.replace(/\/$/, '') : `https://${domain}`;
}

/** Auth from whichever frame API the page has: the SDK's `B24Frame` or the legacy `BX24`. */
export function frameAuth(frame: Bx24Like | B24FrameLike): AuthSource {
  if ('auth' in frame && typeof frame.auth?.getAuthData === 'function') {
    const f = frame as B24FrameLike;
    return {
      getAuth: () => {
        const a = f.auth.getAuthData();
        return a ? { accessToken: a.access_token, origin: withScheme(a.domain) } : null;
      },
      refreshAuth: async () => {
        const a = await f.auth.refreshAuth();
        return { accessToken: a.access_token, origin: withScheme(a.domain) };
      },
    };
  }
  const bx = frame as Bx24Like;
  return {
    getAuth: () => {
      const a = bx.getAuth();
      return a ? { accessToken: a.access_token, origin: withScheme(a.domain) } : null;
    },
    refreshAuth: () =>
      new Promise<AuthData>((resolve, reject) =>
        bx.refreshAuth((a) => (a ? resolve({ accessToken: a.access_token, origin: withScheme(a.domain) }) : reject(new Error('BX24.refreshAuth failed')))),
      ),
  };
}
