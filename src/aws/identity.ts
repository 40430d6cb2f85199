import { UserError } from '../core/errors.js';
import type { AwsContext } from './context.js';
import { classify, CREDENTIAL_ERRORS, errorCode } from './errors.js';
import { partitionOfArn } from './partition.js';
import type { AccountInfo } from '../inventory/schema.js';
import { awsSdk } from './sdk-modules.js';

/** Whom the credentials belong to. Bad, missing or expired credentials end the run here, before any collection. */
export async function whoAmI(aws: AwsContext, region: string): Promise<AccountInfo & { callerArn: string }> {
  const { STSClient, GetCallerIdentityCommand } = awsSdk('sts');
  const sts = aws.client('sts', region, STSClient);
  try {
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    if (!identity.Account || !identity.Arn) throw new UserError('STS GetCallerIdentity returned no account: check the endpoint you scan');
    return { id: identity.Account, partition: partitionOfArn(identity.Arn), callerArn: identity.Arn };
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(credentialProblem(error, aws.endpointFor('sts')));
  }
}

function credentialProblem(error: unknown, endpoint: string | undefined): string {
  const code = errorCode(error);
  if (classify(code) === 'network') {
    return `cannot reach AWS STS${endpoint ? ` at ${endpoint}` : ''} (${code}): check the network, proxy or --endpoint-url, or raise --timeout`;
  }
  const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
  if (code === 'CredentialsProviderError' || /Could not load credentials/i.test(detail ?? '')) {
    return 'no AWS credentials found: set AWS_PROFILE or pass --profile, run `aws sso login`, or try `bulwark scan --demo`';
  }
  if (CREDENTIAL_ERRORS.has(code)) {
    return `AWS rejected the credentials (${code}): they are wrong or expired; refresh them (for SSO: aws sso login) and try again`;
  }
  if (code === 'AccessDenied') return `cannot assume the role or identify the caller (${code}): ${detail}`;
  return `cannot identify the AWS caller with STS GetCallerIdentity (${code}): ${detail}`;
}
