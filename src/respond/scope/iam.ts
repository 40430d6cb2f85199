/**
 * IAM since T: users, roles and local policies with their versions from the bulk authorization
 * details (a handful of pages), then each user's keys and console password (IAM keeps no bulk
 * form of their creation dates, and the credential report can be four hours old: a key made an
 * hour ago must not be missed).
 */
import type { IAMClient } from '@aws-sdk/client-iam';
import { fullAdminGrant } from '../../policy/analysis.js';
import { decodePolicyDocument, isPolicy, parsePolicy, type Policy } from '../../policy/document.js';
import { trustees } from '../../policy/trust.js';
import type { ScopeItem } from '../scope.js';
import { attempt, emptyResult, isNew, isoOf, item, type ReadContext, type ReadResult, type ScopeReader } from './reader.js';
import { awsSdk } from '../../aws/sdk-modules.js';

const ADMIN_ARN = /^arn:[^:]+:iam::aws:policy\/AdministratorAccess$/;

interface User {
  name: string;
  arn: string;
  created?: string;
  policies: Policy[];
  attached: string[];
}

export const iamReader: ScopeReader = {
  name: 'iam',
  scope: 'global',
  operations: ['iam:GetAccountAuthorizationDetails', 'iam:ListAccessKeys', 'iam:GetLoginProfile'],
  read: readIam,
};

async function readIam(context: ReadContext): Promise<ReadResult> {
  const { IAMClient, paginateGetAccountAuthorizationDetails } = awsSdk('iam');
  const client = context.aws.client('iam', context.region, IAMClient);
  const result = emptyResult();
  const users: User[] = [];
  const policyDocs = new Map<string, Policy>();
  const read = await attempt(result, ['iam-user', 'iam-access-key', 'iam-login-profile', 'iam-role', 'iam-policy', 'iam-policy-version'], 'global', 'iam:GetAccountAuthorizationDetails', async () => {
    for await (const page of paginateGetAccountAuthorizationDetails({ client, pageSize: 1000 }, { Filter: ['User', 'Role', 'LocalManagedPolicy'] })) {
      for (const p of page.Policies ?? []) {
        const arn = p.Arn ?? '';
        const created = isoOf(p.CreateDate);
        const versions = p.PolicyVersionList ?? [];
        const doc = versions.find((v) => v.IsDefaultVersion)?.Document;
        const parsed = doc ? parsePolicy(arn, decodePolicyDocument(doc)) : undefined;
        if (parsed && isPolicy(parsed)) policyDocs.set(arn, parsed);
        const admin = parsed && isPolicy(parsed) ? fullAdminGrant([parsed]) : undefined;
        if (isNew(created, context.since)) {
          result.items.push(item({ kind: 'iam-policy', id: arn, arn, region: 'global', createdAt: created, notes: admin ? [`grants full admin (${admin})`] : [], detail: { name: p.PolicyName ?? '', attachmentCount: p.AttachmentCount ?? 0, defaultVersionId: p.DefaultVersionId ?? '' } }));
          continue;
        }
        for (const v of versions) {
          const vCreated = isoOf(v.CreateDate);
          if (!isNew(vCreated, context.since) || !v.VersionId) continue;
          const vDoc = v.Document ? parsePolicy(`${arn} ${v.VersionId}`, decodePolicyDocument(v.Document)) : undefined;
          const vAdmin = vDoc && isPolicy(vDoc) ? fullAdminGrant([vDoc]) : undefined;
          result.items.push(
            item({
              kind: 'iam-policy-version',
              id: `${arn}:${v.VersionId}`,
              arn,
              region: 'global',
              createdAt: vCreated,
              parent: arn,
              notes: [`new version of a policy that existed before T${v.IsDefaultVersion ? ', now the default' : ''}`, ...(vAdmin ? [`grants full admin (${vAdmin})`] : [])],
              detail: { policyArn: arn, versionId: v.VersionId, isDefault: Boolean(v.IsDefaultVersion), attachmentCount: p.AttachmentCount ?? 0 },
            }),
          );
        }
      }
      for (const u of page.UserDetailList ?? []) {
        const inline = (u.UserPolicyList ?? []).flatMap((p) => {
          const parsed = parsePolicy(`user/${u.UserName ?? ''} inline "${p.PolicyName ?? ''}"`, decodePolicyDocument(p.PolicyDocument ?? ''));
          return isPolicy(parsed) ? [parsed] : [];
        });
        users.push({ name: u.UserName ?? '', arn: u.Arn ?? '', ...(u.CreateDate ? { created: u.CreateDate.toISOString() } : {}), policies: inline, attached: (u.AttachedManagedPolicies ?? []).flatMap((a) => (a.PolicyArn ? [a.PolicyArn] : [])) });
      }
      for (const r of page.RoleDetailList ?? []) {
        const created = isoOf(r.CreateDate);
        if (isNew(created, context.since)) result.items.push(roleItem(r.RoleName ?? '', r.Arn ?? '', created, r.AssumeRolePolicyDocument ?? '', context.account.id));
      }
    }
    return true;
  });
  if (!read) return result;
  await Promise.all(users.map((user) => readUser(client, context, user, policyDocs, result)));
  return result;
}

function roleItem(name: string, arn: string, createdAt: string, document: string, account: string): ScopeItem {
  const trust = parsePolicy(`role/${name} trust`, decodePolicyDocument(document));
  const who = isPolicy(trust) ? trustees(trust, account) : [];
  const notes = who.flatMap((t) => {
    if (t.kind === 'anyone') return [`trusted by anyone (${t.principal})`];
    if (t.kind !== 'other-account') return [];
    const foreign = /^\d{12}$/.test(t.principal) ? t.principal : (/::(\d{12}):/.exec(t.principal)?.[1] ?? t.principal);
    return [`trusted by foreign account ${foreign}${t.restrictedBy.length ? ` (${t.restrictedBy.join(', ')})` : ''}`];
  });
  return item({ kind: 'iam-role', id: name, arn, region: 'global', createdAt, notes, detail: { trustPrincipals: who.map((t) => t.principal) } });
}

async function readUser(client: IAMClient, context: ReadContext, user: User, docs: ReadonlyMap<string, Policy>, result: ReadResult): Promise<void> {
  const { GetLoginProfileCommand, paginateListAccessKeys } = awsSdk('iam');
  const userIsNew = isNew(user.created, context.since);
  const [keys, profile] = await Promise.all([
    attempt(result, ['iam-access-key'], 'global', 'iam:ListAccessKeys', async () => {
      const found = [];
      for await (const page of paginateListAccessKeys({ client }, { UserName: user.name })) found.push(...(page.AccessKeyMetadata ?? []));
      return found;
    }),
    attempt(result, ['iam-login-profile'], 'global', 'iam:GetLoginProfile', async () => {
      try {
        return (await client.send(new GetLoginProfileCommand({ UserName: user.name }))).LoginProfile ?? null;
      } catch (error) {
        if ((error as Error).name === 'NoSuchEntityException' || (error as Error).name === 'NoSuchEntity') return null;
        throw error;
      }
    }),
  ]);
  for (const key of keys ?? []) {
    const created = isoOf(key.CreateDate);
    if (!key.AccessKeyId || !isNew(created, context.since)) continue;
    result.items.push(
      item({ kind: 'iam-access-key', id: key.AccessKeyId, region: 'global', createdAt: created, parent: user.name, notes: userIsNew ? [] : ['new key on a user that existed before T'], detail: { status: key.Status ?? 'unknown', user: user.name, userArn: user.arn } }),
    );
  }
  const profileCreated = isoOf(profile?.CreateDate);
  if (profile && isNew(profileCreated, context.since)) {
    result.items.push(item({ kind: 'iam-login-profile', id: user.name, region: 'global', createdAt: profileCreated, parent: user.name, notes: userIsNew ? [] : ['console password added to a user that existed before T'], detail: { user: user.name, userArn: user.arn } }));
  }
  if (!userIsNew || !user.created) return;
  const notes: string[] = [];
  const adminArn = user.attached.find((arn) => ADMIN_ARN.test(arn));
  const admin = adminArn ?? fullAdminGrant([...user.policies, ...user.attached.flatMap((arn) => docs.get(arn) ?? [])]);
  if (admin) notes.push(`admin policy attached (${adminArn ? 'AdministratorAccess' : admin})`);
  if (profile) notes.push('console password');
  result.items.push(item({ kind: 'iam-user', id: user.name, arn: user.arn, region: 'global', createdAt: user.created, notes, detail: { attachedPolicyArns: user.attached, consolePassword: Boolean(profile) } }));
}
