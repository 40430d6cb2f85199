import { describe, expect, it } from 'vitest';
import regionRecorded from '../checks/cloudtrail/cloudtrail-region-recorded.js';
import trailTrustworthy from '../checks/cloudtrail/cloudtrail-trail-trustworthy.js';
import alarmed from '../checks/cloudwatch/cloudwatch-unusual-calls-alarmed.js';
import guardDuty from '../checks/guardduty/guardduty-detector-enabled.js';
import securityHub from '../checks/securityhub/securityhub-hub-enabled.js';
import accessAnalyzer from '../checks/accessanalyzer/accessanalyzer-analyzer-enabled.js';
import billing from '../checks/account/account-billing-alert-set.js';
import contact from '../checks/account/account-security-contact-set.js';
import kmsRotation from '../checks/kms/kms-key-rotation-enabled.js';
import bucketBlocked from '../checks/s3/s3-bucket-public-access-blocked.js';
import bucketNotPublic from '../checks/s3/s3-bucket-not-public.js';
import { collected } from '../core/fact.js';
import { compilePattern } from '../logs/filter-pattern.js';
import { firstMissed, MONITORED_EVENTS } from '../logs/cis-events.js';
import { bucket, inventory, publicRead, trail } from '../testing/builders.js';
import type { GuardRails } from '../inventory/schema.js';
import { callsOf, planFor, stepKeys, undoOf } from '../../test/support/fix-plan.js';
import { filterPattern } from './cloudwatch.js';

const ARN = 'arn:aws:cloudtrail:us-east-1:123456789012:trail/main';
const NEW_TRAIL = 'cloudtrail:create-trail:arn:aws:cloudtrail:us-east-1:123456789012:trail/bulwark-trail';
const withTrails = (...trails: ReturnType<typeof trail>[]) => inventory({ regions: ['us-east-1', 'eu-west-1'], cloudtrail: { trails: collected(trails) } });

describe('trail fixers (AS-40, AS-41)', () => {
  it('creates a trail with its bucket, log group and role when there is none, shared by every region', () => {
    const plan = planFor(regionRecorded, withTrails(), { inputs: { trailBucket: 'acme-trail-logs' } });
    expect(stepKeys(plan)).toEqual([
      ['s3:create-trail-bucket:acme-trail-logs', 'costs-money'],
      ['logs:create-log-group:us-east-1:bulwark-cloudtrail', 'costs-money'],
      ['iam:create-role:BulwarkCloudTrailToLogs', 'safe'],
      [NEW_TRAIL, 'safe'],
    ]);
    const create = plan.steps[3];
    expect(create?.findings).toHaveLength(2);
    expect(create?.dependsOn).toEqual(['s3:create-trail-bucket:acme-trail-logs', 'logs:create-log-group:us-east-1:bulwark-cloudtrail', 'iam:create-role:BulwarkCloudTrailToLogs']);
    expect(create?.calls[0]?.input).toMatchObject({ Name: 'bulwark-trail', S3BucketName: 'acme-trail-logs', IsMultiRegionTrail: true, EnableLogFileValidation: true });
    expect(undoOf(plan, NEW_TRAIL)?.map(([action]) => action)).toEqual(['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail']);
    // The bucket and the log group will hold logs: never deleted by undo.
    expect(plan.steps[0]?.undo).toBeUndefined();
    expect(plan.steps[1]?.undo).toBeUndefined();
    const bucketCalls = plan.steps[0]?.calls.map((c) => c.sdk ?? c.action);
    expect(bucketCalls).toEqual(['s3:CreateBucket', 'S3.PutPublicAccessBlock', 's3:PutBucketVersioning', 'S3.PutBucketEncryption', 'S3.PutObjectLockConfiguration', 's3:PutBucketPolicy', 's3:PutBucketLogging']);
    const policy = JSON.parse(String(plan.steps[0]?.calls[5]?.input.Policy)) as { Statement: { Sid: string; Condition: object }[] };
    expect(policy.Statement.find((s) => s.Sid === 'CloudTrailWrite')?.Condition).toEqual({ StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': 'arn:aws:cloudtrail:us-east-1:123456789012:trail/bulwark-trail' } });
  });

  it('derives the bucket name from the account without --trail-bucket', () => {
    expect(stepKeys(planFor(regionRecorded, withTrails()))[0]).toEqual(['s3:create-trail-bucket:bulwark-cloudtrail-123456789012', 'costs-money']);
  });

  it('starts a stopped trail, widens a single-region one and records all management events, keeping data selectors', () => {
    const selectors = JSON.stringify({ EventSelectors: [{ ReadWriteType: 'WriteOnly', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }] }], AdvancedEventSelectors: [] });
    const main = trail('main', { multiRegion: false, status: collected({ isLogging: false }), managementEvents: collected({ read: false, write: true, exclusions: [], selectors }) });
    const plan = planFor(regionRecorded, withTrails(main));
    expect(stepKeys(plan)).toEqual([
      [`cloudtrail:start-logging:${ARN}`, 'safe'],
      [`cloudtrail:record-management-events:${ARN}`, 'safe'],
      [`cloudtrail:make-multi-region:${ARN}`, 'safe'],
    ]);
    expect(callsOf(plan, `cloudtrail:record-management-events:${ARN}`)).toEqual([
      [
        'cloudtrail:PutEventSelectors',
        { TrailName: ARN, EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }, { ReadWriteType: 'WriteOnly', IncludeManagementEvents: false, ExcludeManagementEventSources: [], DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }] }] },
      ],
    ]);
    expect(undoOf(plan, `cloudtrail:record-management-events:${ARN}`)).toEqual([['cloudtrail:PutEventSelectors', { TrailName: ARN, EventSelectors: (JSON.parse(selectors) as { EventSelectors: unknown }).EventSelectors }]]);
  });

  it('is honest about a second copy of management events', () => {
    const other = trail('other', { arn: 'arn:aws:cloudtrail:us-east-1:123456789012:trail/other', multiRegion: false });
    const stopped = trail('main', { status: collected({ isLogging: false }) });
    const step = planFor(regionRecorded, withTrails(stopped, other)).steps.find((s) => s.key === `cloudtrail:start-logging:${ARN}`);
    expect(step?.risk).toBe('costs-money');
    expect(step?.riskNote).toMatch(/US\$2\.00 per 100,000 events/);
  });

  it('turns on validation and delivery to CloudWatch Logs; KMS encryption stays manual', () => {
    const plan = planFor(trailTrustworthy, withTrails(trail('main', { logFileValidation: false, cloudWatchLogsLogGroupArn: undefined })));
    expect(stepKeys(plan)).toEqual([
      [`cloudtrail:enable-log-file-validation:${ARN}`, 'safe'],
      ['logs:create-log-group:us-east-1:bulwark-cloudtrail', 'costs-money'],
      ['iam:create-role:BulwarkCloudTrailToLogs', 'safe'],
      [`cloudtrail:deliver-to-logs:${ARN}`, 'safe'],
    ]);
    expect(undoOf(plan, `cloudtrail:deliver-to-logs:${ARN}`)).toEqual([['cloudtrail:UpdateTrail', { Name: ARN, CloudWatchLogsLogGroupArn: '', CloudWatchLogsRoleArn: '' }]]);
    const kmsOnly = planFor(trailTrustworthy, withTrails(trail('main', { kmsKeyId: undefined })));
    expect(kmsOnly.steps).toEqual([]);
    expect(kmsOnly.manual[0]?.manual).toMatch(/customer managed KMS key/);
  });

  it('leaves organisation trails to the management account', () => {
    const plan = planFor(regionRecorded, withTrails(trail('org', { organizationTrail: true, status: collected({ isLogging: false }) })));
    expect(plan.steps).toEqual([]);
    expect(plan.manual[0]?.reason).toMatch(/organisation trails/);
  });
});

describe('CIS alarm fixer (AS-43)', () => {
  it.each(MONITORED_EVENTS.map((e) => [e.id, e] as const))('the %s filter covers every canonical event', (_id, event) => {
    expect(firstMissed(event, compilePattern(filterPattern(event)))).toBeUndefined();
  });

  it('puts the filters and alarms on the trail log group, behind one topic; without --alarm-email the steps say so', () => {
    const inv = inventory({ cloudtrail: { trails: collected([trail('main')]) }, monitoring: { metricFilters: { 'us-east-1': collected([]) }, alarms: { 'us-east-1': collected([]) } } });
    const plan = planFor(alarmed, inv);
    expect(plan.steps).toHaveLength(MONITORED_EVENTS.length + 1);
    const topic = plan.steps[0];
    expect(topic?.key).toBe('sns:create-alarm-topic:us-east-1:bulwark-security-alarms');
    expect(topic?.missingInputs).toEqual(['--alarm-email']);
    const root = plan.steps.find((s) => s.key === 'cloudwatch:alarm-on-event:us-east-1:cloudtrail:root-account-usage');
    expect(root?.dependsOn).toEqual([topic?.key]);
    expect(root?.calls.map((c) => c.action)).toEqual(['logs:PutMetricFilter', 'cloudwatch:PutMetricAlarm']);
    expect(root?.calls[1]?.input).toMatchObject({ AlarmActions: ['arn:aws:sns:us-east-1:123456789012:bulwark-security-alarms'], Threshold: 1 });
    expect(root?.undo?.map((c) => c.action)).toEqual(['cloudwatch:DeleteAlarms', 'logs:DeleteMetricFilter']);
    const withEmail = planFor(alarmed, inv, { inputs: { alarmEmail: 'sec@example.com' } });
    expect(withEmail.steps[0]?.calls[1]?.input).toEqual({ TopicArn: 'arn:aws:sns:us-east-1:123456789012:bulwark-security-alarms', Protocol: 'email', Endpoint: 'sec@example.com' });
    expect(withEmail.steps.some((s) => s.missingInputs)).toBe(false);
  });

  it('orders the trail steps first when the trail has no log group', () => {
    const inv = inventory({ cloudtrail: { trails: collected([trail('main', { cloudWatchLogsLogGroupArn: undefined })]) }, monitoring: { metricFilters: { 'us-east-1': collected([]) }, alarms: { 'us-east-1': collected([]) } } });
    const plan = planFor(alarmed, inv, { inputs: { alarmEmail: 'sec@example.com' } });
    const keys = plan.steps.map((s) => s.key);
    expect(keys.slice(0, 3)).toEqual(['logs:create-log-group:us-east-1:bulwark-cloudtrail', 'iam:create-role:BulwarkCloudTrailToLogs', `cloudtrail:deliver-to-logs:${ARN}`]);
    const alarm = plan.steps.find((s) => s.key.endsWith(':root-account-usage'));
    expect(alarm?.key).toBe('cloudwatch:alarm-on-event:us-east-1:bulwark-cloudtrail:root-account-usage');
    expect(alarm?.dependsOn).toContain(`cloudtrail:deliver-to-logs:${ARN}`);
  });
});

describe('guard rail fixers (AS-44), budget (AS-45), contact (AS-46), KMS (AS-22), buckets (AS-20)', () => {
  const on: GuardRails = { configRecording: collected(true), securityHub: collected(false), accessAnalyzer: collected(false) };

  it('enables GuardDuty (re-enabling a disabled detector reversibly), Security Hub and an analyzer, with the costs named', () => {
    const inv = inventory({
      regions: ['eu-west-1', 'us-east-1'],
      guardduty: { regions: { 'eu-west-1': collected({ detectors: [], highSeverity: collected({ open: 0, topTypes: [] }) }), 'us-east-1': collected({ detectors: [{ id: 'd-1', status: 'DISABLED' }], highSeverity: collected({ open: 0, topTypes: [] }) }) } },
      guardRails: { regions: { 'eu-west-1': collected(on) } },
    });
    const plan = planFor([guardDuty, securityHub, accessAnalyzer], inv);
    expect(stepKeys(plan)).toEqual([
      ['guardduty:enable-detector:eu-west-1', 'costs-money'],
      ['guardduty:enable-detector:us-east-1', 'costs-money'],
      ['securityhub:enable-hub:eu-west-1', 'costs-money'],
      ['access-analyzer:create-analyzer:eu-west-1', 'safe'],
    ]);
    expect(plan.steps[0]?.undo).toBeUndefined();
    expect(plan.steps[0]?.riskNote).toMatch(/per million CloudTrail management events/);
    expect(undoOf(plan, 'guardduty:enable-detector:us-east-1')).toEqual([['guardduty:UpdateDetector', { DetectorId: 'd-1', Enable: false }]]);
    expect(undoOf(plan, 'access-analyzer:create-analyzer:eu-west-1')).toEqual([['access-analyzer:DeleteAnalyzer', { analyzerName: 'bulwark-account-analyzer' }]]);
  });

  it('creates a budget at --budget-usd mailing --alarm-email, or says which inputs are missing', () => {
    const inv = inventory({ accountSettings: { billing: collected({ alarms: [], budgets: [] }) } });
    const plan = planFor(billing, inv, { inputs: { budgetUsd: 250, alarmEmail: 'bills@example.com' } });
    expect(plan.steps[0]).toMatchObject({ key: 'budgets:create-budget:bulwark-monthly-cost', risk: 'safe' });
    expect(plan.steps[0]?.calls[0]).toMatchObject({ action: 'budgets:ModifyBudget', sdk: 'Budgets.CreateBudget', input: { Budget: { BudgetLimit: { Amount: '250', Unit: 'USD' } } } });
    expect(planFor(billing, inv).steps[0]?.missingInputs).toEqual(['--budget-usd', '--alarm-email']);
  });

  it('sets the security contact from --security-contact; undo removes it', () => {
    const inv = inventory({ accountSettings: { securityContact: collected(null) } });
    const plan = planFor(contact, inv, { inputs: { securityContact: { name: 'Sec Team', email: 'sec@example.com', phone: '+1-555-0100' } } });
    expect(callsOf(plan, 'account:set-security-contact')).toEqual([['account:PutAlternateContact', { AlternateContactType: 'SECURITY', Name: 'Sec Team', EmailAddress: 'sec@example.com', PhoneNumber: '+1-555-0100', Title: 'Security' }]]);
    expect(undoOf(plan, 'account:set-security-contact')).toEqual([['account:DeleteAlternateContact', { AlternateContactType: 'SECURITY' }]]);
    expect(planFor(contact, inv).steps[0]?.missingInputs).toEqual(['--security-contact']);
  });

  it('turns on KMS key rotation, with its price', () => {
    const key = { id: 'k-1', arn: 'arn:aws:kms:eu-west-1:123456789012:key/k-1', manager: 'CUSTOMER' as const, state: 'Enabled', spec: 'SYMMETRIC_DEFAULT', rotation: collected(false) };
    const plan = planFor(kmsRotation, inventory({ kms: { keys: { 'eu-west-1': collected([key]) } } }));
    expect(stepKeys(plan)).toEqual([['kms:enable-key-rotation:arn:aws:kms:eu-west-1:123456789012:key/k-1', 'costs-money']]);
    expect(plan.steps[0]?.calls).toEqual([{ action: 'kms:EnableKeyRotation', input: { KeyId: 'k-1' }, region: 'eu-west-1' }]);
    expect(plan.steps[0]?.undo).toEqual([{ action: 'kms:DisableKeyRotation', input: { KeyId: 'k-1' }, region: 'eu-west-1' }]);
  });

  it('blocks public access on a public bucket (shared by both bucket checks), may disrupt, undone by deleting the configuration', () => {
    const inv = inventory({ s3: { accountPublicAccessBlock: collected(null), buckets: collected([bucket('site', { policy: publicRead('site') })]) } });
    const plan = planFor([bucketBlocked, bucketNotPublic], inv);
    expect(stepKeys(plan)).toEqual([['s3:block-bucket-public-access:site', 'may-disrupt']]);
    expect(plan.steps[0]?.findings).toHaveLength(2);
    expect(plan.steps[0]?.riskNote).toMatch(/the bucket is public now .*website/);
    expect(plan.steps[0]?.calls[0]).toMatchObject({ action: 's3:PutBucketPublicAccessBlock', sdk: 'S3.PutPublicAccessBlock', region: 'eu-west-1' });
    expect(plan.steps[0]?.undo).toEqual([{ action: 's3:PutBucketPublicAccessBlock', sdk: 'S3.DeletePublicAccessBlock', region: 'eu-west-1', input: { Bucket: 'site' } }]);
  });
});
