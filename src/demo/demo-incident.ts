/**
 * The scope `bulwark respond --demo` shows: the takeover day of the detect demo (demo-cloudtrail.ts)
 * as the scope readers would find it at noon. bob's console password is guessed at 09:12, the
 * intruder makes the admin user svc-backup with a key, stops the trail and launches eight GPU
 * instances in ap-southeast-2. The suspect's events are the demo log's own records.
 */
import { BUILT_IN_RULES, detectEvents, loadRules, readRuleSources } from '../detect/engine.js';
import type { Event } from '../detect/sigma/fields.js';
import type { CloudTrailRecord } from '../logs/records.js';
import type { ScopeResult } from '../respond/scope-options.js';
import { SCOPE_SCHEMA_VERSION, type Activity, type ScopeItem } from '../respond/scope.js';
import { VERSION } from '../version.js';
import { DEMO_ACCOUNT, demoRecords } from './demo-cloudtrail.js';

const A = DEMO_ACCOUNT;
export const DEMO_SINCE = '2026-11-20T09:00:00Z';
export const DEMO_READ_AT = '2026-11-20T12:00:00Z';
const BOB = `arn:aws:iam::${A}:user/bob`;
const SVC = `arn:aws:iam::${A}:user/svc-backup`;
const GPU_REGION = 'ap-southeast-2';

/** bob's and svc-backup's records from the start of the incident on: what LookupEvents by user name returns. */
function suspectEvents(): CloudTrailRecord[] {
  return demoRecords().filter((r) => {
    const who = r.userIdentity as { arn?: string; userName?: string } | undefined;
    const mine = who?.arn === BOB || who?.arn === SVC || (who?.userName === 'bob' && !who.arn);
    return mine && String(r.eventTime) >= DEMO_SINCE;
  });
}

function eventOf(events: readonly CloudTrailRecord[], name: string): CloudTrailRecord {
  const event = events.find((e) => e.eventName === name);
  if (!event) throw new Error(`the demo log has no ${name}`);
  return event;
}

/** Counts by service and action, as the scope readers summarise any source. */
function activityOf(events: readonly CloudTrailRecord[], alerts: Activity['alerts']): Activity {
  const groups = new Map<string, { service: string; action: string; count: number; errors: number; regions: Set<string> }>();
  for (const e of events) {
    const service = String(e.eventSource).replace(/\.amazonaws\.com$/, '');
    const action = String(e.eventName);
    const group = groups.get(`${service}:${action}`) ?? { service, action, count: 0, errors: 0, regions: new Set<string>() };
    group.count++;
    if (e.errorCode || e.errorMessage) group.errors++;
    group.regions.add(String(e.awsRegion));
    groups.set(`${service}:${action}`, group);
  }
  const times = events.map((e) => String(e.eventTime)).sort();
  return {
    source: 'lookup',
    events: events.length,
    ...(times.length ? { firstTime: times[0]!, lastTime: times.at(-1)! } : {}),
    byAction: [...groups.values()].sort((a, b) => b.count - a.count || a.action.localeCompare(b.action)).map((g) => ({ ...g, regions: [...g.regions].sort() })),
    alerts,
  };
}

export async function demoIncident(): Promise<ScopeResult> {
  const events = suspectEvents();
  const rules = loadRules(await readRuleSources([BUILT_IN_RULES]));
  const alerts = detectEvents(rules, events as Event[]).map((a) => JSON.parse(JSON.stringify(a)) as Record<string, unknown>);
  const createUser = eventOf(events, 'CreateUser');
  const createKey = eventOf(events, 'CreateAccessKey');
  const run = eventOf(events, 'RunInstances');
  const launched = String(run.eventTime);
  const instances: ScopeItem[] = Array.from({ length: 8 }, (_, i) => {
    const n = (i + 1).toString(16).padStart(2, '0');
    const id = `i-0d3m0a11ce5e0b0${n}`;
    return {
      kind: 'ec2-instance',
      id,
      arn: `arn:aws:ec2:${GPU_REGION}:${A}:instance/${id}`,
      region: GPU_REGION,
      createdAt: launched,
      createdBy: SVC,
      eventId: String(run.eventID),
      notes: ['p4d.24xlarge from ami-0a1b2c3d4e5f60718', 'running'],
      detail: { volumeIds: [`vol-0d3m0b0ba5e0c0${n}`], securityGroupIds: ['sg-0d3m0default0001'], vpcId: 'vpc-0d3m0apse20001', state: 'running', instanceType: 'p4d.24xlarge' },
    };
  });
  return {
    events,
    scope: {
      kind: 'bulwark-respond-scope',
      schemaVersion: SCOPE_SCHEMA_VERSION,
      generator: { name: 'bulwark', version: VERSION },
      account: { id: A, partition: 'aws', callerArn: `arn:aws:sts::${A}:assumed-role/AWSReservedSSO_AdministratorAccess_5f2c9a1e7b3d4c60/dana@example.com` },
      source: 'demo',
      since: DEMO_SINCE,
      readAt: DEMO_READ_AT,
      regions: ['us-east-1', 'eu-west-1', GPU_REGION],
      suspect: { accessKeys: [], principals: [BOB] },
      activity: activityOf(events, alerts),
      items: [
        { kind: 'iam-user', id: 'svc-backup', arn: SVC, region: 'global', createdAt: String(createUser.eventTime), createdBy: BOB, eventId: String(createUser.eventID), notes: ['AdministratorAccess attached by bob'], detail: {} },
        { kind: 'iam-access-key', id: 'AKIAQSVCBACKUPKEY001', region: 'global', createdAt: String(createKey.eventTime), createdBy: BOB, eventId: String(createKey.eventID), parent: 'svc-backup', notes: ['used from 203.0.113.66'], detail: { status: 'Active' } },
        ...instances,
      ],
      cost: {
        currency: 'USD',
        recentDays: 14,
        baselineDays: 30,
        byService: [
          { service: 'Amazon Elastic Compute Cloud - Compute', recentPerDay: 894.1, baselinePerDay: 3.2 },
          { service: 'Amazon Simple Storage Service', recentPerDay: 0.41, baselinePerDay: 0.39 },
          { service: 'AWS Lambda', recentPerDay: 0.05, baselinePerDay: 0.05 },
        ],
      },
      unreadable: [{ kind: 'ecs-service', region: GPU_REGION, permission: 'ecs:ListClusters', reason: 'AccessDenied: the demo role may not list ECS clusters' }],
    },
  };
}

/** The recover facts of the demo account: root without MFA, and the keys that stay active after containment. */
export const DEMO_ROOT_MFA = false;
export const DEMO_REMAINING_KEYS: readonly { user: string; keyId: string }[] = [
  { user: 'alice', keyId: 'AKIAQALICE0000007QXZ' },
  { user: 'ci-deployer', keyId: 'AKIAQCIDEPLOYER0D3P1' },
];
