/**
 * One credential provider for the whole scan: the SDK's default chain (env, profile, SSO,
 * credential_process, web identity, container and instance metadata), optionally used to assume
 * a role. Every client shares it, so there is one AssumeRole and at most one MFA prompt.
 */
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { UserError } from '../core/errors.js';

export interface CredentialOptions {
  readonly profile?: string;
  readonly roleArn?: string;
  readonly externalId?: string;
  readonly mfaSerial?: string;
  /** Seconds; AWS allows 900 to the role's maximum (default one hour). */
  readonly sessionDuration?: number;
  /** Home region for STS when assuming a role. */
  readonly region: string;
  /** Asks for an MFA code; undefined when there is no terminal to ask on. */
  readonly promptMfaCode?: (serial: string) => Promise<string>;
}

export async function createCredentials(options: CredentialOptions): Promise<AwsCredentialIdentityProvider> {
  const { fromNodeProviderChain, fromTemporaryCredentials } = await import('@aws-sdk/credential-providers');
  const { promptMfaCode } = options;
  const mfaCodeProvider = async (serial: string) => {
    if (!promptMfaCode) throw new UserError(`an MFA code is needed for ${serial} but there is no terminal to ask on: run Bulwark in a terminal, or use credentials that need no MFA`);
    return promptMfaCode(serial);
  };
  const base = fromNodeProviderChain({
    ...(options.profile ? { profile: options.profile } : {}),
    mfaCodeProvider,
  });
  if (!options.roleArn) return base;
  return refreshing(
    fromTemporaryCredentials({
      masterCredentials: base,
      clientConfig: { region: options.region },
      params: {
        RoleArn: options.roleArn,
        RoleSessionName: `bulwark-${Date.now()}`,
        ...(options.externalId ? { ExternalId: options.externalId } : {}),
        ...(options.mfaSerial ? { SerialNumber: options.mfaSerial } : {}),
        ...(options.sessionDuration ? { DurationSeconds: options.sessionDuration } : {}),
      },
      ...(options.mfaSerial ? { mfaCodeProvider } : {}),
    }),
  );
}

/** Shares one set of credentials until five minutes before they expire, then fetches new ones once. */
export function refreshing(provider: AwsCredentialIdentityProvider): AwsCredentialIdentityProvider {
  let current: Promise<AwsCredentialIdentity> | undefined;
  let expiresAt = 0;
  return async () => {
    if (!current || Date.now() > expiresAt - 5 * 60_000) {
      current = provider();
      current.catch(() => (current = undefined));
      const credentials = await current;
      expiresAt = credentials.expiration?.getTime() ?? Number.POSITIVE_INFINITY;
    }
    return current;
  };
}
