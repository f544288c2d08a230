/**
 * Typed adapter errors. Every failure reaching a widget is a {@link CrmError} with a code the
 * widget can act on (retry, re-authenticate, explain) and a message in the user's language.
 */
export const CRM_ERROR_CODES = [
  'rate-limited',
  'auth-expired',
  'access-denied',
  'not-found',
  'network',
  'bad-response',
  'not-supported',
  'conflict',
  'invalid-input',
] as const;
export type CrmErrorCode = (typeof CRM_ERROR_CODES)[number];

/** Codes worth retrying automatically or offering a retry button for. */
const RETRYABLE: ReadonlySet<CrmErrorCode> = new Set(['rate-limited', 'network', 'bad-response']);

export interface CrmErrorInit {
  /** Technical detail for the console (the CRM's own error code and text). Never shown as HTML. */
  readonly detail?: string;
  /** For `rate-limited`: how long to wait, when the CRM says. */
  readonly retryAfterMs?: number;
  /** Where it happened: the CRM method or entity set. */
  readonly source?: string;
  readonly cause?: unknown;
}

export class CrmError extends Error {
  override readonly name = 'CrmError';
  readonly code: CrmErrorCode;
  readonly detail?: string;
  readonly retryAfterMs?: number;
  readonly source?: string;

  constructor(code: CrmErrorCode, init: CrmErrorInit = {}) {
    super(`${code}${init.source ? ` (${init.source})` : ''}${init.detail ? `: ${init.detail}` : ''}`, {
      cause: init.cause,
    });
    this.code = code;
    this.detail = init.detail;
    this.retryAfterMs = init.retryAfterMs;
    this.source = init.source;
  }

  get retryable(): boolean {
    return RETRYABLE.has(this.code);
  }
}

export function isCrmError(e: unknown): e is CrmError {
  return e instanceof Error && (e as Partial<CrmError>).name === 'CrmError' && typeof (e as CrmError).code === 'string';
}

export function isAbortError(e: unknown): boolean {
  return e instanceof DOMException ? e.name === 'AbortError' : (e as { name?: string } | null)?.name === 'AbortError';
}

/**
 * Any thrown value as a CrmError, so a widget has one thing to render. Abort errors pass
 * through unchanged: cancelling is not a failure.
 */
export function toCrmError(e: unknown, source?: string): CrmError {
  if (isCrmError(e)) return e;
  if (e instanceof TypeError) return new CrmError('network', { detail: e.message, source, cause: e });
  if (e instanceof SyntaxError) return new CrmError('bad-response', { detail: e.message, source, cause: e });
  const detail = e instanceof Error ? e.message : String(e);
  return new CrmError('bad-response', { detail, source, cause: e });
}
