import {
  CrmError,
  type CrmErrorCode,
} from '@crmkit/core/adapter/index.js';

/**
 * Bitrix24 error codes and what each means for us. Classification is by the `error` string,
 * never by the HTTP status: the documentation itself gives different statuses for the same
 * code, and batch sub-errors arrive with status 200.
 */
export type ErrorClass = 'query-limit' | 'operation-limit' | 'expired-token' | 'access' | 'not-found' | 'not-supported' | 'invalid' | 'server';

const CLASSES: Readonly<Record<string, ErrorClass>> = {
  QUERY_LIMIT_EXCEEDED: 'query-limit',
  OPERATION_TIME_LIMIT: 'operation-limit',
  expired_token: 'expired-token',
  ACCESS_DENIED: 'access',
  insufficient_scope: 'access',
  INVALID_CREDENTIALS: 'access',
  NO_AUTH_FOUND: 'access',
  invalid_token: 'access',
  user_access_error: 'access',
  allowed_only_intranet_user: 'access',
  OVERLOAD_LIMIT: 'access',
  PORTAL_DELETED: 'access',
  INVALID_REQUEST: 'access',
  NOT_FOUND: 'not-found',
  ERROR_METHOD_NOT_FOUND: 'not-supported',
  ENTITY_TYPE_NOT_SUPPORTED: 'not-supported',
  ERROR_BATCH_METHOD_NOT_ALLOWED: 'not-supported',
  INVALID_ARG_VALUE: 'invalid',
  ERROR_BATCH_LENGTH_EXCEEDED: 'invalid',
  ERROR_ARGUMENT: 'invalid',
  ERROR_CORE: 'invalid',
  INTERNAL_SERVER_ERROR: 'server',
  ERROR_UNEXPECTED_ANSWER: 'server',
};

export function classify(error: string, description = ''): ErrorClass {
  const c = CLASSES[error];
  if (c) return c;
  // An empty code: the method's own error; only the description tells (e.g. `Not found`).
  if (/not found|не найден/i.test(description)) return 'not-found';
  if (/access denied|доступ запрещ/i.test(description)) return 'access';
  return error ? 'invalid' : 'invalid';
}

const TO_CODE: Readonly<Record<ErrorClass, CrmErrorCode>> = {
  'query-limit': 'rate-limited',
  'operation-limit': 'rate-limited',
  'expired-token': 'auth-expired',
  access: 'access-denied',
  'not-found': 'not-found',
  'not-supported': 'not-supported',
  invalid: 'invalid-input',
  server: 'bad-response',
};

/** The raw `{error, error_description}` of one call or batch command. */
export interface BitrixErrorBody {
  readonly error: string;
  readonly error_description?: string;
}

export function toCrmErrorFromBitrix(body: BitrixErrorBody, method: string, retryAfterMs?: number): CrmError {
  const cls = classify(body.error, body.error_description);
  return new CrmError(TO_CODE[cls], {
    detail: `${body.error || '(no code)'}: ${body.error_description ?? ''}`.trim(),
    source: method,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
}
