/**
 * Scope → containment plan, on fix's engine: the same steps, journal, apply and undo. Keys are
 * deactivated, suspect and new principals denied, suspect roles' sessions revoked, new instances
 * snapshotted, stopped and quarantined, new snapshots and AMIs unshared. What no step can contain
 * (a Lambda function, an open port, an organisation account…) is listed for a human, with how.
 * Pure: nothing here calls AWS.
 */
import { UserError } from '../core/errors.js';
import type { FixStep } from '../core/fix-plan.js';
import { deactivateKey, denyAllRole, denyAllUser, revokeRoleSessions } from '../fixers/respond-iam.js';
import { quarantineGroup, quarantineInstance, snapshotVolumes, stopInstance, unshareImageFrom, unshareSnapshotFrom } from '../fixers/respond-ec2.js';
import type { CloudTrailRecord } from '../logs/records.js';
import { fingerprint } from '../plan/fingerprint.js';
import { planDocument, type GatheredStep } from '../plan/document.js';
import type { ManualFix, Plan, ScopeSubject } from '../plan/schema.js';
import { instanceDetail, keyStatus, sharingDetail } from './details.js';
import { parsePrincipal, type Principal } from './principals.js';
import type { Scope, ScopeItem, ScopeKind } from './scope.js';

export interface ContainRequest {
  readonly scope: Scope;
  /** The suspect's events: they name the user of a suspect key the inventory does not. */
  readonly events: readonly CloudTrailRecord[];
  readonly now: Date;
  readonly homeRegion: string;
  /** The identity running Bulwark: its own plan never locks it out. */
  readonly callerArn?: string;
}

export type ContainmentPlan = Plan<ScopeSubject>;

const RESOURCE_TYPES: Partial<Record<string, string>> = {
  'iam-user': 'AwsIamUser',
  'iam-access-key': 'AwsIamAccessKey',
  'iam-role': 'AwsIamRole',
  'ec2-instance': 'AwsEc2Instance',
  'ec2-snapshot': 'AwsEc2Snapshot',
  'ec2-image': 'AwsEc2Image',
};

/** What to do by hand for kinds no containment step covers. */
const BY_HAND: Partial<Record<ScopeKind, { title: string; how: string }>> = {
  'iam-login-profile': { title: 'Console passwords made since the start', how: 'when the user is not legitimate: aws iam delete-login-profile --user-name USER (a new or suspect user is also denied everything by this plan)' },
  'iam-policy': { title: 'Policies made since the start', how: 'review who uses it (aws iam list-entities-for-policy), detach and delete it if the intruder made it' },
  'iam-policy-version': { title: 'Policy versions made since the start', how: 'set the previous version as default again (aws iam set-default-policy-version) and delete the new one' },
  'ec2-spot-request': { title: 'Spot requests made since the start', how: 'aws ec2 cancel-spot-instance-requests --spot-instance-request-ids ID (the instances they launched are in this plan when listed)' },
  'ec2-launch-template': { title: 'Launch templates made since the start', how: 'aws ec2 delete-launch-template --launch-template-id ID once it is kept as evidence (describe-launch-template-versions)' },
  'ec2-key-pair': { title: 'Key pairs made since the start', how: 'aws ec2 delete-key-pair --key-pair-id ID (instances already launched with it keep the key: they are stopped and quarantined)' },
  'ec2-security-group': { title: 'Security groups made since the start', how: 'review its rules; delete it when nothing legitimate uses it (aws ec2 delete-security-group)' },
  'ec2-security-group-rule': { title: 'Security group rules opened since the start', how: 'aws ec2 revoke-security-group-ingress --group-id GROUP --security-group-rule-ids RULE' },
  'ec2-instance': { title: 'Instances that could not be contained automatically', how: 'snapshot its volumes, then stop it (aws ec2 stop-instances) and move it to a group without rules' },
  'ec2-snapshot': { title: 'Snapshots whose sharing could not be read', how: 'aws ec2 describe-snapshot-attribute --attribute createVolumePermission, then modify-snapshot-attribute --operation-type remove' },
  'ec2-image': { title: 'AMIs whose sharing could not be read', how: 'aws ec2 describe-image-attribute --attribute launchPermission, then modify-image-attribute --launch-permission Remove=…' },
  'lambda-function': { title: 'Lambda functions made since the start', how: 'stop it without deleting it: aws lambda put-function-concurrency --function-name NAME --reserved-concurrent-executions 0' },
  'lambda-layer': { title: 'Lambda layers made since the start', how: 'check which functions use it; delete the version (aws lambda delete-layer-version) once kept as evidence' },
  'ecs-service': { title: 'ECS services made since the start', how: 'aws ecs update-service --cluster CLUSTER --service NAME --desired-count 0' },
  's3-bucket-policy': { title: 'Bucket policies changed since the start', how: 'compare with the policy before (the PutBucketPolicy event holds the new one) and put the old one back' },
  'organizations-account': { title: 'Organisation accounts made since the start', how: 'sign in to the new account through OrganizationAccountAccessRole, contain it with bulwark respond, then close it' },
};

export function planContainment(request: ContainRequest): ContainmentPlan {
  const { scope, now } = request;
  const steps = new Map<string, GatheredStep<ScopeSubject>>();
  const manual: ManualFix[] = [];
  const account = scope.account.id;
  const caller = request.callerArn ? parsePrincipal(request.callerArn) : undefined;
  const isCaller = (kind: 'user' | 'role', name: string) => caller?.kind === kind && caller.name === name && caller.account === account;
  const since = scope.since;

  const add = (step: FixStep, subject: ScopeSubject) => {
    const shared = steps.get(step.key);
    if (!shared) steps.set(step.key, { step, subjects: [subject] });
    else if (!shared.subjects.some((s) => s.id === subject.id)) shared.subjects.push(subject);
  };
  const byHand = (subject: ScopeSubject, kind: string, title: string, how: string, reason: string) =>
    manual.push({ findingId: subject.id, checkId: kind, title, resource: subject.resource.name ?? subject.resource.id, message: subject.message, manual: how, reason });

  const items = scope.items;
  const itemsOf = (kind: ScopeKind) => items.filter((i) => i.kind === kind);

  // Access keys: the suspect's, and every key made since the start (new keys on old users too).
  const keyItems = new Map(itemsOf('iam-access-key').map((i) => [i.id, i]));
  for (const keyId of new Set([...scope.suspect.accessKeys, ...keyItems.keys()])) {
    const item = keyItems.get(keyId);
    const subject = item ? itemSubject(item) : suspectSubject('suspect-access-key', keyId, 'AwsIamAccessKey', 'named as the suspect key');
    const owner = item?.parent ?? keyOwner(request.events, keyId);
    const why = item ? `created ${item.createdAt}${item.createdBy ? ` by ${item.createdBy}` : ''}` : 'the suspect key';
    if (keyId.startsWith('ASIA')) byHand(subject, 'iam-access-key', 'Temporary credentials', 'they cannot be deactivated: deny their principal (this plan does for suspects) or revoke the role sessions', 'temporary (STS) credentials');
    else if (item && keyStatus(item) === 'Inactive') continue;
    else if (!owner) byHand(subject, 'iam-access-key', 'Keys whose user is not known', `find the user (aws iam get-access-key-last-used --access-key-id ${keyId}) and deactivate it: aws iam update-access-key --status Inactive`, 'neither the inventory nor an event names its user');
    else if (isCaller('user', owner)) byHand(subject, 'iam-access-key', 'Keys of the identity running Bulwark', 'deactivate it from another identity once you no longer need it', 'it belongs to the identity running this command');
    else add(deactivateKey(owner, keyId, why), subject);
  }

  // Principals: the suspects the user named, and users and roles made since the start.
  const suspects = scope.suspect.principals.map(parsePrincipal);
  const denyUsers = new Map<string, ScopeSubject[]>();
  const denyRoles = new Map<string, ScopeSubject[]>();
  const push = (map: Map<string, ScopeSubject[]>, name: string, subject: ScopeSubject) => map.set(name, [...(map.get(name) ?? []), subject]);
  for (const principal of suspects) {
    const subject = suspectSubject('suspect-principal', principal.arn, principal.kind === 'role' ? 'AwsIamRole' : 'AwsIamUser', 'named as a suspect');
    const reason = unreachable(principal, account);
    if (reason) byHand(subject, 'suspect-principal', 'Suspects no step can contain', reason.how, reason.why);
    else if (principal.kind === 'user') push(denyUsers, principal.name, subject);
    else if (principal.kind === 'role') push(denyRoles, principal.name, subject);
  }
  for (const item of itemsOf('iam-user')) push(denyUsers, item.id, itemSubject(item));
  for (const item of itemsOf('iam-role')) push(denyRoles, item.id, itemSubject(item));
  for (const [name, subjects] of denyUsers) {
    if (isCaller('user', name)) for (const s of subjects) byHand(s, 'iam-user', 'The identity running Bulwark', 'contain it from another identity', 'denying it would stop this command');
    else for (const s of subjects) add(denyAllUser(name, describe(subjects)), s);
  }
  const suspectRoles = new Set(suspects.flatMap((p) => (p.kind === 'role' && !unreachable(p, account) ? [p.name] : [])));
  for (const [name, subjects] of denyRoles) {
    if (isCaller('role', name)) {
      for (const s of subjects) byHand(s, 'iam-role', 'The identity running Bulwark', 'contain it from another identity', 'denying it would stop this command');
      continue;
    }
    for (const s of subjects) add(denyAllRole(name, describe(subjects)), s);
    // The gentler choice for a role something legitimate also uses: skip the deny-all, keep this.
    if (suspectRoles.has(name)) for (const s of subjects) add(revokeRoleSessions(name, now, describe(subjects)), s);
  }

  // Instances: evidence first, then stop, then quarantine.
  for (const item of itemsOf('ec2-instance')) {
    const subject = itemSubject(item);
    const detail = instanceDetail(item);
    const hand = BY_HAND['ec2-instance']!;
    if (detail.state === 'terminated' || detail.state === 'shutting-down') continue;
    if (!detail.volumeIds) {
      byHand(subject, 'ec2-instance', hand.title, hand.how, 'its volumes were not read: it is not stopped without an evidence snapshot');
      continue;
    }
    const snapshot = detail.volumeIds.length ? snapshotVolumes(item.id, detail.volumeIds, item.region, now) : undefined;
    if (snapshot) add(snapshot, subject);
    if (detail.state !== 'stopped' && detail.state !== 'stopping') add(stopInstance(item.id, item.region, snapshot ? [snapshot.key] : []), subject);
    if (!detail.vpcId || !detail.securityGroupIds) {
      byHand(subject, 'ec2-instance', 'Instances not quarantined', 'move it to a security group without rules (aws ec2 modify-instance-attribute --groups)', 'its VPC or security groups were not read (or it is not in a VPC)');
      continue;
    }
    const group = quarantineGroup(detail.vpcId, item.region, now);
    add(group, subject);
    add(quarantineInstance(item.id, detail.securityGroupIds, item.region, group.key), subject);
  }

  // Sharing of snapshots and AMIs made since the start.
  for (const item of [...itemsOf('ec2-snapshot'), ...itemsOf('ec2-image')]) {
    const subject = itemSubject(item);
    const sharing = sharingDetail(item, account);
    const hand = BY_HAND[item.kind]!;
    if (!sharing) byHand(subject, item.kind, hand.title, hand.how, 'its sharing was not read');
    else if (sharing.public || sharing.accounts.length) add(item.kind === 'ec2-snapshot' ? unshareSnapshotFrom(item.id, sharing, item.region) : unshareImageFrom(item.id, sharing, item.region), subject);
  }

  for (const item of items) {
    const hand = BY_HAND[item.kind];
    if (!hand || ['ec2-instance', 'ec2-snapshot', 'ec2-image'].includes(item.kind)) continue;
    byHand(itemSubject(item), item.kind, hand.title, hand.how, 'no containment step for this kind: it is listed, not changed');
  }

  return planDocument(
    {
      kind: 'bulwark-respond-plan',
      collectedAt: scope.readAt,
      source: scope.source,
      account: scope.account,
      homeRegion: request.homeRegion,
      checks: [],
      manual: manual.map((m) => ({ ...m, message: m.message || `since ${since}` })),
    },
    steps.values(),
    now,
  );
}

function itemSubject(item: ScopeItem): ScopeSubject {
  const made = `made ${item.createdAt}${item.createdBy ? ` by ${item.createdBy}` : ''}`;
  return {
    scopeKind: item.kind,
    id: `${item.kind}:${item.region}:${item.id}`,
    resource: { id: item.arn ?? item.id, type: RESOURCE_TYPES[item.kind] ?? item.kind, name: item.parent ? `${item.id} (${item.parent})` : item.id, region: item.region },
    message: [made, ...item.notes].join('; '),
    fingerprint: fingerprint(item),
  };
}

function suspectSubject(kind: 'suspect-principal' | 'suspect-access-key', id: string, type: string, message: string): ScopeSubject {
  return { scopeKind: kind, id: `${kind}:${id}`, resource: { id, type, name: id, region: 'global' }, message, fingerprint: fingerprint({ id }) };
}

const describe = (subjects: readonly ScopeSubject[]) => subjects.map((s) => (s.scopeKind.startsWith('suspect') ? 'a suspect' : `new: ${s.message}`)).join('; ');

/** Why a suspect principal cannot be contained by an IAM policy in this account, if it cannot. */
function unreachable(principal: Principal, account: string): { why: string; how: string } | undefined {
  if (principal.kind === 'root') return { why: 'the root user cannot be denied by a policy', how: 'change the root password, enable root MFA and delete root access keys (see the recover checklist)' };
  if (principal.kind === 'other') return { why: 'not a user, role or session ARN', how: 'contain it where it lives (an identity provider, another account)' };
  if (principal.account !== account) return { why: `it belongs to account ${principal.account}`, how: 'remove the trust that lets it in (the role trust policies of this account), and tell the owner of that account' };
  return undefined;
}

/** The IAM user whose key this is, from the events it signed. */
function keyOwner(events: readonly CloudTrailRecord[], keyId: string): string | undefined {
  for (const event of events) {
    const who = event.userIdentity as Record<string, unknown> | undefined;
    if (who?.accessKeyId === keyId && who.type === 'IAMUser' && typeof who.userName === 'string') return who.userName;
  }
  return undefined;
}

/**
 * `--only` / `--skip`: a step key, or a prefix of keys (`stop-instance`, `deactivate-key:AKIA…`),
 * with or without `respond:`. A selector that matches nothing is an error, not silence.
 */
export function selectSteps(plan: ContainmentPlan, only: readonly string[] = [], skip: readonly string[] = []): ContainmentPlan {
  const full = (selector: string) => (selector.startsWith('respond:') ? selector : `respond:${selector}`);
  const matches = (key: string, selector: string) => key === full(selector) || key.startsWith(`${full(selector)}:`);
  for (const selector of [...only, ...skip]) {
    if (!plan.steps.some((s) => matches(s.key, selector))) {
      const verbs = [...new Set(plan.steps.map((s) => s.key.split(':')[1]))].join(', ');
      throw new UserError(`--only/--skip ${selector}: no step of the plan has that key${verbs ? ` (the plan's steps: ${verbs}, each followed by :ID)` : ' (the plan has no step)'}`);
    }
  }
  const steps = plan.steps.filter((s) => (only.length === 0 || only.some((sel) => matches(s.key, sel))) && !skip.some((sel) => matches(s.key, sel)));
  return { ...plan, steps };
}
