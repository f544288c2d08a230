/**
 * HTTP to a 1C publication: Basic auth (UTF-8 user names) or the page's session, retries of
 * transient failures, and every failure as a typed CrmError — including 1C's `odata.error`
 * bodies, the web server's HTML pages, and HTML error pages that arrive with status 200.
 */
import { CrmError, isAbortError, type CrmErrorCode } from './core.js';
import { basicAuthorization } from './convert.js';

export interface HttpOptions {
  readonly credentials?: { readonly user: string; readonly password: string };
  /**
   * Without `credentials`, send the page's session (cookies, the browser's remembered Basic).
   * Default true. False makes a 401 reach the caller instead of the browser's own password
   * prompt, so an app can ask for the 1C user in a form of its own (the demo does).
   */
  readonly useSession?: boolean;
  readonly fetch?: typeof fetch;
  /** Retries of a retryable failure (network, 5xx, HTML page) before giving up. */
  readonly retries?: number;
}

export interface OneCErrorBody {
  readonly 'odata.error'?: { readonly code?: string; readonly message?: { readonly value?: string } | string };
  readonly error?: { readonly code?: string; readonly message?: string };
}

function htmlTitle(text: string): string {
  const m = /<title>([^<]*)<\/title>/i.exec(text) ?? /<h1>([^<]*)<\/h1>/i.exec(text);
  return (m?.[1] ?? text.replace(/<[^>]+>/g, ' ')).trim().slice(0, 200);
}

/** A failed or malformed 1C response as a CrmError. Pure, for tests. */
export function errorFromResponse(status: number, contentType: string, text: string, source: string): CrmError {
  const isHtml = /html/i.test(contentType) || /^\s*</.test(text);
  if (isHtml) {
    const title = htmlTitle(text);
    if (status === 401) return new CrmError('auth-expired', { source, detail: `401: ${title}` });
    if (status === 403) return new CrmError('access-denied', { source, detail: `403: ${title}` });
    if (status === 404) {
      return new CrmError('not-found', { source, detail: `the web server answered 404 (${title}): the URL may be too long or the publication missing` });
    }
    return new CrmError('bad-response', { source, detail: `1C answered an HTML page instead of JSON (status ${status}): ${title}` });
  }
  let code: string | undefined;
  let message = text.slice(0, 300);
  try {
    const body = JSON.parse(text) as OneCErrorBody;
    const e = body['odata.error'];
    if (e) {
      code = e.code;
      message = typeof e.message === 'string' ? e.message : (e.message?.value ?? message);
    } else if (body.error) {
      code = body.error.code;
      message = body.error.message ?? message;
    }
  } catch {
    // not JSON: keep the text
  }
  const detail = code !== undefined ? `1C error ${code}: ${message}` : `${status}: ${message}`;
  const as = (c: CrmErrorCode) => new CrmError(c, { source, detail });
  if (code === 'conflict' || status === 409) return as('conflict');
  if (status === 401) return as('auth-expired');
  if (status === 403 || code === '20') return as('access-denied');
  if (status === 404 || code === '9') return as('not-found');
  if (status === 429) return as('rate-limited');
  if (status === 501 || code === '0' || code === '21' || code === '11') return as('not-supported');
  if (code === '10') return new CrmError('invalid-input', { source, detail: `${detail} (the mapping names a property the configuration does not publish)` });
  if (status === 502 || status === 503 || status === 504) return as('network');
  return as('bad-response');
}

export class OneCHttp {
  private readonly fetchFn: typeof fetch;
  private readonly useSession: boolean;
  private readonly authorization?: string;
  private readonly retries: number;
  /** Requests sent (for benchmarks). */
  requests = 0;

  constructor(options: HttpOptions) {
    this.fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.useSession = options.useSession ?? true;
    this.authorization = options.credentials ? basicAuthorization(options.credentials.user, options.credentials.password) : undefined;
    this.retries = options.retries ?? 2;
  }

  /** Sends one request and returns the body text; `expect` says which content the caller wants. */
  async send(url: string, init: { method?: string; body?: string; signal?: AbortSignal; expect: 'json' | 'text' | 'xml' }, source: string): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      init.signal?.throwIfAborted();
      try {
        return await this.once(url, init, source);
      } catch (e) {
        if (isAbortError(e)) throw e;
        const err = e instanceof CrmError ? e : new CrmError('network', { source, detail: e instanceof Error ? e.message : String(e), cause: e });
        if (!err.retryable || attempt >= this.retries) throw err;
        await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      }
    }
  }

  private async once(url: string, init: { method?: string; body?: string; signal?: AbortSignal; expect: 'json' | 'text' | 'xml' }, source: string): Promise<string> {
    const headers: Record<string, string> = {
      Accept: init.expect === 'json' ? 'application/json' : init.expect === 'xml' ? 'application/xml' : 'text/plain',
    };
    if (this.authorization) headers.Authorization = this.authorization;
    if (init.body !== undefined) headers['Content-Type'] = 'application/json;charset=utf-8';
    this.requests++;
    let res: Response;
    try {
      res = await this.fetchFn(url, {
        method: init.method ?? 'GET',
        headers,
        body: init.body,
        signal: init.signal,
        // Without a user of our own, the page's session (cookie or the browser's Basic) is used.
        credentials: this.authorization || !this.useSession ? 'omit' : 'include',
      });
    } catch (e) {
      if (isAbortError(e)) throw e;
      throw new CrmError('network', { source, detail: e instanceof Error ? e.message : String(e), cause: e });
    }
    const text = await res.text();
    init.signal?.throwIfAborted();
    const type = res.headers.get('content-type') ?? '';
    if (!res.ok) throw errorFromResponse(res.status, type, text, source);
    // 1C and the web server in front of it sometimes answer an HTML error page with status 200.
    if (init.expect !== 'xml' && (/html/i.test(type) || /^\s*<(!doctype|html)/i.test(text))) throw errorFromResponse(200, 'text/html', text, source);
    return text;
  }

  async json<T>(url: string, init: { method?: string; body?: unknown; signal?: AbortSignal }, source: string): Promise<T> {
    const text = await this.send(url, { method: init.method, body: init.body === undefined ? undefined : JSON.stringify(init.body), signal: init.signal, expect: 'json' }, source);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw new CrmError('bad-response', { source, detail: `not JSON: ${text.slice(0, 120)}`, cause: e });
    }
    // Every 1C answer we read is a JSON object; `null`, a number or a list is a broken server.
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new CrmError('bad-response', { source, detail: `expected a JSON object, got ${text.slice(0, 60)}` });
    }
    return parsed as T;
  }
}
