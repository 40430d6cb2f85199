import type { AttachedPolicy, PolicyDetail } from '@aws-sdk/client-iam';
import type { AwsContext } from '../../aws/context.js';
import type { Authorization } from '../../inventory/schema.js';
import { decodePolicyDocument } from '../../policy/document.js';
import { globalCollector } from '../collector.js';
import { tagMap } from '../tags.js';
import { awsSdk } from '../../aws/sdk-modules.js';

/**
 * Every user, group, role and managed policy with its documents, in pages of 1,000:
 * the cost grows with the number of pages, never with per-entity calls.
 */
export const authorization = globalCollector({
  key: 'iam.authorization',
  service: 'iam',
  operations: ['GetAccountAuthorizationDetails'],
  collect: collectAuthorization,
});

const inline = (list: PolicyDetail[] | undefined) => (list ?? []).map((p) => ({ name: p.PolicyName ?? '', document: decodePolicyDocument(p.PolicyDocument ?? '') }));
const attached = (list: AttachedPolicy[] | undefined) => (list ?? []).flatMap((p) => (p.PolicyArn ? [p.PolicyArn] : []));

export async function collectAuthorization(aws: AwsContext, region: string): Promise<Authorization> {
  const { IAMClient, paginateGetAccountAuthorizationDetails } = awsSdk('iam');
  const client = aws.client('iam', region, IAMClient);
  const result: Authorization = { users: [], groups: [], roles: [], policies: [] };
  for await (const page of paginateGetAccountAuthorizationDetails({ client, pageSize: 1000 }, {})) {
    for (const u of page.UserDetailList ?? []) {
      result.users.push({
        name: u.UserName ?? '',
        arn: u.Arn ?? '',
        path: u.Path ?? '/',
        groups: u.GroupList ?? [],
        attachedPolicyArns: attached(u.AttachedManagedPolicies),
        inlinePolicies: inline(u.UserPolicyList),
        tags: tagMap(u.Tags),
      });
    }
    for (const g of page.GroupDetailList ?? []) {
      result.groups.push({ name: g.GroupName ?? '', arn: g.Arn ?? '', path: g.Path ?? '/', attachedPolicyArns: attached(g.AttachedManagedPolicies), inlinePolicies: inline(g.GroupPolicyList) });
    }
    for (const r of page.RoleDetailList ?? []) {
      result.roles.push({
        name: r.RoleName ?? '',
        arn: r.Arn ?? '',
        path: r.Path ?? '/',
        trustPolicy: decodePolicyDocument(r.AssumeRolePolicyDocument ?? ''),
        attachedPolicyArns: attached(r.AttachedManagedPolicies),
        inlinePolicies: inline(r.RolePolicyList),
        tags: tagMap(r.Tags),
        ...(r.RoleLastUsed?.LastUsedDate ? { lastUsedAt: r.RoleLastUsed.LastUsedDate.toISOString() } : {}),
      });
    }
    for (const p of page.Policies ?? []) {
      const version = p.PolicyVersionList?.find((v) => v.IsDefaultVersion) ?? p.PolicyVersionList?.find((v) => v.VersionId === p.DefaultVersionId);
      result.policies.push({
        arn: p.Arn ?? '',
        name: p.PolicyName ?? '',
        awsManaged: /^arn:[^:]+:iam::aws:policy\//.test(p.Arn ?? ''),
        attachmentCount: p.AttachmentCount ?? 0,
        ...(version?.Document ? { document: decodePolicyDocument(version.Document) } : {}),
      });
    }
  }
  return result;
}
