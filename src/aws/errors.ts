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

/** Turns a failed read into the reason stored in the inventory. */
export function toNotCollected(error: unknown, fallbackOperation: string): NotCollected {
  const code = errorCode(error);
  const kind = classify(code);
  const failure = (error ?? {}) as CallFailure;
  const operation = failure.bulwarkOperation ?? fallbackOperation;
  const raw = error instanceof Error ? error.message : String(error);
  const message = raw.split('\n')[0]?.slice(0, 300) || code;
  const base = { status: 'not-collected', kind, operation, errorCode: code, message } as const;
  return kind === 'access-denied' && failure.bulwarkPermission ? { ...base, permission: failure.bulwarkPermission } : base;
}
