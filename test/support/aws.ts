import { join } from 'node:path';
import { vi } from 'vitest';
import { AwsContext } from '../../src/aws/context.js';
import { CallStats } from '../../src/aws/stats.js';

export const TEST_ACCOUNT = { id: '123456789012', partition: 'aws' } as const;

export const TEST_CREDENTIALS = { accessKeyId: 'AKIDFAKEFORTESTS', secretAccessKey: 'fake-secret-for-tests' };

/** A context with static fake credentials; pass `endpointUrl` to reach the fake server instead of mocks. */
export function testContext(options: { endpointUrl?: string; env?: NodeJS.ProcessEnv; callTimeoutMs?: number; concurrency?: number } = {}): AwsContext {
  return new AwsContext({
    credentials: () => Promise.resolve(TEST_CREDENTIALS),
    stats: new CallStats(),
    env: options.env ?? {},
    ...(options.endpointUrl ? { endpointUrl: options.endpointUrl } : {}),
    concurrency: options.concurrency ?? 8,
    requestTimeoutMs: 2_000,
    callTimeoutMs: options.callTimeoutMs ?? 10_000,
  });
}

/** An SDK service error as the SDK's deserialisers build them. */
export function awsError(name: string, message: string, status = 400): Error {
  return Object.assign(new Error(message), { name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status } });
}

/**
 * Process environment for a CLI run against the look-alike: the fake static keys, and no shared
 * config or credentials file or profile of the developer's, so nothing real is ever reached.
 * Undo with `vi.unstubAllEnvs()`.
 */
export function stubFakeAwsEnv(dir: string): void {
  vi.stubEnv('AWS_ACCESS_KEY_ID', TEST_CREDENTIALS.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', TEST_CREDENTIALS.secretAccessKey);
  vi.stubEnv('AWS_CONFIG_FILE', join(dir, 'no-config'));
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(dir, 'no-credentials'));
  vi.stubEnv('AWS_PROFILE', '');
}
