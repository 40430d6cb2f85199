import type { NotCollected, NotCollectedKind } from '../core/fact.js';

const ACCESS_DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedAccess',
  'AuthorizationError',
  'Forbidden',
  'AllAccessDisabled',
]);
const REGION_DISABLED = new Set(['OptInRequired', 'AuthFailure', 'InvalidClientTokenId', 'UnrecognizedClientException']);
const THROTTLED = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ProvisionedThroughputExceededException',
]);
const NETWORK = new Set([
  'TimeoutError',
  'AbortError',
  'RequestTimeout',
  'RequestTimeoutException',
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);
/** Errors that mean the credentials themselves are bad: no region or operation will work. */
export const CREDENTIAL_ERRORS = new Set([
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'InvalidAccessKeyId',
  'CredentialsProviderError',
  'TokenProviderError',
]);

export function errorCode(error: unknown): string {
  if (error && typeof error === 'object') {
    const e = error as { name?: unknown; code?: unknown; Code?: unknown };
    for (const candidate of [e.code, e.Code, e.name]) {
      if (typeof candidate === 'string' && candidate !== 'Error') return candidate;
    }
  }
  return 'Error';
}

export function isThrottle(error: unknown): boolean {
  return THROTTLED.has(errorCode(error));
}

export function classify(code: string): NotCollectedKind {
  if (ACCESS_DENIED.has(code)) return 'access-denied';
  if (REGION_DISABLED.has(code)) return 'region-disabled';
  if (THROTTLED.has(code)) return 'throttled';
  if (NETWORK.has(code)) return 'network';
  return 'error';
}

/** The `service:Operation` and permission the instrumented client attached to a failed call. */
export interface CallFailure {
  readonly bulwarkOperation?: string;
  readonly bulwarkPermission?: string;
}

/** Codes the SDK gives when the body was not an AWS error it could read (HTML from a proxy, an emulator's XML). */
const UNREADABLE_BODY = new Set(['Error', 'Unknown', 'UnknownError', 'SyntaxError']);

function httpStatus(error: unknown): number | undefined {
  const e = (error ?? {}) as { $metadata?: { httpStatusCode?: number }; $response?: { statusCode?: number } };
  return e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
}

/** What the HTTP status says when the body could not: 401/403 is a denial, 429 throttling. */
function byStatus(status: number | undefined): NotCollectedKind {
  if (status === 401 || status === 403) return 'access-denied';
  if (status === 429) return 'throttled';
  return 'error';
}

/** Turns a failed read into the reason stored in the inventory. */
export function toNotCollected(error: unknown, fallbackOperation: string): NotCollected {
  let code = errorCode(error);
  let kind = classify(code);
  const failure = (error ?? {}) as CallFailure;
  const operation = failure.bulwarkOperation ?? fallbackOperation;
  const raw = error instanceof Error ? error.message : String(error);
  let message = raw.split('\n')[0]?.slice(0, 300) || code;
  const status = httpStatus(error);
  if (kind === 'error' && UNREADABLE_BODY.has(code) && status) {
    // The permission is known from the operation, whatever the body held.
    kind = byStatus(status);
    code = `HTTP${status}`;
    message = `HTTP ${status} with an answer that is not an AWS error (a proxy or an emulator?): ${message}`;
  }
  const base = { status: 'not-collected', kind, operation, errorCode: code, message } as const;
  return kind === 'access-denied' && failure.bulwarkPermission ? { ...base, permission: failure.bulwarkPermission } : base;
}
