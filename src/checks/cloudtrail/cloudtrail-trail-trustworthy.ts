import { defineCheck, fail, need, pass } from '../../core/check.js';
import { mapFact, notInInventory } from '../../core/fact.js';
import { daysSince } from '../../lib/dates.js';
import { trustTrail, DELIVERY_ACTIONS } from '../../fixers/cloudtrail.js';

export default defineCheck({
  id: 'cloudtrail-trail-trustworthy',
  title: 'Trails log, validate, encrypt and stream their logs',
  service: 'cloudtrail',
  severity: 'medium',
  checklist: ['AS-41'],
  rationale:
    'A trail that exists but is stopped records nothing (StopLogging is what an intruder calls first). Logs only help if nobody can quietly edit them (digest validation), read them (KMS encryption), and if someone sees them in time: delivery to CloudWatch Logs is what alarms on unusual API calls are built on.',
  remediation: {
    text: 'Start logging on every trail that is meant to record (or delete the trail), turn on log file validation, encrypt with a customer-managed KMS key, and deliver the trail to a CloudWatch Logs group (with a role CloudTrail can assume).',
    cli: 'aws cloudtrail update-trail --name <trail> --enable-log-file-validation --kms-key-id <key> --cloud-watch-logs-log-group-arn <log-group-arn> --cloud-watch-logs-role-arn <role-arn>',
    url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/best-practices-security.html',
  },
  needs: ['cloudtrail.trails'],
  resources: (inventory) => [{ region: 'global', items: mapFact(inventory.cloudtrail.trails ?? notInInventory('cloudtrail:ListTrails'), (trails) => trails) }],
  describe: (trail) => ({ id: trail.arn, type: 'AwsCloudTrailTrail', name: trail.name }),
  evaluate(trail, { now }) {
    const status = trail.status.status === 'collected' ? trail.status.value : undefined;
    const delivered = status?.latestCloudWatchLogsDeliveryAt;
    const missing = [
      status && !status.isLogging && (status.stoppedAt ? `logging stopped at ${status.stoppedAt.slice(0, 16).replace('T', ' ')} UTC` : 'it is not logging'),
      !trail.logFileValidation && 'log file validation is off',
      !trail.cloudWatchLogsLogGroupArn && 'it is not delivered to CloudWatch Logs',
      trail.cloudWatchLogsLogGroupArn && delivered && daysSince(delivered, now) >= 1 && `CloudWatch Logs delivery stopped (last ${delivered.slice(0, 10)})`,
      !trail.kmsKeyId && 'its logs are not encrypted with KMS',
    ].filter((m): m is string => typeof m === 'string');
    if (missing.length) return fail(`Trail ${trail.name}: ${missing.join('; ')}`);
    // Streaming is configured; whether it still delivers needs the trail status.
    need(trail.status, 'cloudtrail:GetTrailStatus');
    return pass(`Trail ${trail.name} logs, validates, encrypts and streams its logs`);
  },
  fix: {
    actions: [...DELIVERY_ACTIONS, 'cloudtrail:StartLogging', 'cloudtrail:StopLogging'],
    plan: trustTrail,
    fingerprint: (trail) => trail.arn,
    manual:
      'Encrypt the trail with a customer managed KMS key whose policy lets CloudTrail use it (aws cloudtrail update-trail --kms-key-id <key>); if CloudWatch Logs delivery stopped, check that the delivery role still exists and may write to the log group.',
  },
});
