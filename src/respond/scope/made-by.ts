/**
 * Which CloudTrail event makes which thing, and where in the record its id is: the one table
 * that ties a live resource to the call (and so the principal) that made or shared it. Ids come
 * from responseElements where AWS assigns them, from requestParameters where the caller names them.
 */
import type { CloudTrailRecord } from '../../logs/records.js';
import type { ScopeKind } from '../scope.js';

export interface MadeThing {
  readonly kind: ScopeKind;
  readonly id: string;
}

type Extract = (request: Record<string, unknown>, response: Record<string, unknown>) => (string | undefined)[];

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
/** EC2's `{ items: [...] }` sets. */
const items = (v: unknown): Record<string, unknown>[] => {
  const list = obj(v).items;
  return Array.isArray(list) ? list.map(obj) : [];
};
const path = (root: Record<string, unknown>, ...keys: string[]): unknown => keys.reduce<unknown>((v, k) => obj(v)[k], root);

/** eventName → the kind it makes, and how to read the ids. */
export const MADE_BY: Readonly<Record<string, { readonly kind: ScopeKind; readonly ids: Extract }>> = {
  CreateUser: { kind: 'iam-user', ids: (q) => [str(q.userName)] },
  CreateAccessKey: { kind: 'iam-access-key', ids: (_q, r) => [str(path(r, 'accessKey', 'accessKeyId'))] },
  CreateLoginProfile: { kind: 'iam-login-profile', ids: (q) => [str(q.userName)] },
  CreateRole: { kind: 'iam-role', ids: (q) => [str(q.roleName)] },
  CreatePolicy: { kind: 'iam-policy', ids: (_q, r) => [str(path(r, 'policy', 'arn'))] },
  CreatePolicyVersion: { kind: 'iam-policy-version', ids: (q, r) => [str(q.policyArn) && str(path(r, 'policyVersion', 'versionId')) ? `${String(q.policyArn)}:${String(path(r, 'policyVersion', 'versionId'))}` : undefined] },
  RunInstances: { kind: 'ec2-instance', ids: (_q, r) => items(r.instancesSet).map((i) => str(i.instanceId)) },
  RequestSpotInstances: { kind: 'ec2-spot-request', ids: (_q, r) => items(r.spotInstanceRequestSet).map((i) => str(i.spotInstanceRequestId)) },
  // CloudTrail nests this one's answer under the response's own name.
  CreateLaunchTemplate: { kind: 'ec2-launch-template', ids: (_q, r) => [str(path(r, 'CreateLaunchTemplateResponse', 'launchTemplate', 'launchTemplateId')) ?? str(path(r, 'launchTemplate', 'launchTemplateId'))] },
  CreateKeyPair: { kind: 'ec2-key-pair', ids: (_q, r) => [str(r.keyPairId)] },
  ImportKeyPair: { kind: 'ec2-key-pair', ids: (_q, r) => [str(r.keyPairId)] },
  CreateSecurityGroup: { kind: 'ec2-security-group', ids: (_q, r) => [str(r.groupId)] },
  AuthorizeSecurityGroupIngress: { kind: 'ec2-security-group-rule', ids: (_q, r) => items(r.securityGroupRuleSet).map((i) => str(i.securityGroupRuleId)) },
  AuthorizeSecurityGroupEgress: { kind: 'ec2-security-group-rule', ids: (_q, r) => items(r.securityGroupRuleSet).map((i) => str(i.securityGroupRuleId)) },
  CreateSnapshot: { kind: 'ec2-snapshot', ids: (_q, r) => [str(r.snapshotId)] },
  CopySnapshot: { kind: 'ec2-snapshot', ids: (_q, r) => [str(r.snapshotId)] },
  CreateSnapshots: { kind: 'ec2-snapshot', ids: (_q, r) => items(r.snapshotSet).map((i) => str(i.snapshotId)) },
  ModifySnapshotAttribute: { kind: 'ec2-snapshot', ids: (q) => [str(q.snapshotId)] },
  CreateImage: { kind: 'ec2-image', ids: (_q, r) => [str(r.imageId)] },
  RegisterImage: { kind: 'ec2-image', ids: (_q, r) => [str(r.imageId)] },
  CopyImage: { kind: 'ec2-image', ids: (_q, r) => [str(r.imageId)] },
  ModifyImageAttribute: { kind: 'ec2-image', ids: (q) => [str(q.imageId)] },
  CreateFunction20150331: { kind: 'lambda-function', ids: (q, r) => [str(r.functionName) ?? str(q.functionName)] },
  PublishLayerVersion20181031: { kind: 'lambda-layer', ids: (_q, r) => [str(r.layerVersionArn)] },
  CreateService: { kind: 'ecs-service', ids: (_q, r) => [str(path(r, 'service', 'serviceArn'))] },
  PutBucketPolicy: { kind: 's3-bucket-policy', ids: (q) => [str(q.bucketName)] },
  CreateAccount: { kind: 'organizations-account', ids: (_q, r) => [str(path(r, 'createAccountStatus', 'accountId'))] },
  InviteAccountToOrganization: { kind: 'organizations-account', ids: (q) => [str(path(q, 'target', 'id'))] },
};

/** What one record made (nothing for a failed call or an event not in the table). */
export function madeBy(record: CloudTrailRecord): MadeThing[] {
  const entry = MADE_BY[record.eventName as string];
  if (!entry || record.errorCode) return [];
  return entry.ids(obj(record.requestParameters), obj(record.responseElements)).flatMap((id) => (id ? [{ kind: entry.kind, id }] : []));
}
