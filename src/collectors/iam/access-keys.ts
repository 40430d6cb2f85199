/**
 * Access key ids and live status, per user the credential report shows with an active key.
 * The report has no key ids and IAM reuses a report for up to four hours, so planning a
 * deactivation, and proving afterwards that it took, needs ListAccessKeys.
 */
import type { AwsContext } from '../../aws/context.js';
import type { AccessKeyState, Inventory } from '../../inventory/schema.js';
import { ROOT_USER } from '../../inventory/resources.js';
import { dependency, globalCollector, readEach } from '../collector.js';
import { awsSdk } from '../../aws/sdk-modules.js';

export const accessKeys = globalCollector({
  key: 'iam.accessKeys',
  service: 'iam',
  operations: ['ListAccessKeys'],
  after: ['iam.credentialReport'],
  collect: (aws, region, _account, inventory) => collectAccessKeys(aws, region, inventory),
});

export async function collectAccessKeys(aws: AwsContext, region: string, inventory: Inventory): Promise<Record<string, AccessKeyState[]>> {
  const { IAMClient, ListAccessKeysCommand } = awsSdk('iam');
  const iam = aws.client('iam', region, IAMClient);
  const rows = dependency(inventory.iam.credentialReport, 'iam:GetCredentialReport');
  const users = rows.filter((row) => row.user !== ROOT_USER && row.accessKeys.some((key) => key.active)).map((row) => row.user);
  const entries = await readEach(
    users,
    async (user) => {
      // A user has at most two keys: one page always holds them.
      const { AccessKeyMetadata = [] } = await iam.send(new ListAccessKeysCommand({ UserName: user }));
      const keys = AccessKeyMetadata.flatMap((key): AccessKeyState[] =>
        key.AccessKeyId ? [{ id: key.AccessKeyId, active: key.Status === 'Active', createdAt: key.CreateDate?.toISOString() ?? null }] : [],
      );
      return [user, keys] as const;
    },
    aws.concurrency,
  );
  return Object.fromEntries(entries);
}
