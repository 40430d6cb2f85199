import check from './cloudtrail-trail-trustworthy.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, daysAgo, inventory, trail } from '../../testing/builders.js';
import { collected } from '../../core/fact.js';
import type { Trail } from '../../inventory/schema.js';

const inv = (...trails: Trail[]) => inventory({ cloudtrail: { trails: collected(trails) } });
const { kmsKeyId: _k, cloudWatchLogsLogGroupArn: _c, ...bare } = trail('bare', { logFileValidation: false });

testCheck(check, [
  { name: 'validated, encrypted, streaming', inventory: inv(trail('main')), expect: [['PASS', 'main']] },
  { name: 'none of it', plan: [{ key: 'cloudtrail:enable-log-file-validation:arn:aws:cloudtrail:us-east-1:123456789012:trail/bare', risk: 'safe', calls: ['cloudtrail:UpdateTrail'] }, { key: 'logs:create-log-group:us-east-1:bulwark-cloudtrail', risk: 'costs-money', calls: ['logs:CreateLogGroup', 'logs:PutRetentionPolicy'], irreversible: true }, { key: 'iam:create-role:BulwarkCloudTrailToLogs', risk: 'safe', calls: ['iam:CreateRole', 'iam:PutRolePolicy'] }, { key: 'cloudtrail:deliver-to-logs:arn:aws:cloudtrail:us-east-1:123456789012:trail/bare', risk: 'safe', calls: ['cloudtrail:UpdateTrail'], dependsOn: ['logs:create-log-group:us-east-1:bulwark-cloudtrail', 'iam:create-role:BulwarkCloudTrailToLogs'] }], inventory: inv(bare), expect: [['FAIL', 'bare', /log file validation is off; it is not delivered to CloudWatch Logs; its logs are not encrypted with KMS$/]] },
  { name: 'delivery stopped three days ago', plan: [], inventory: inv(trail('main', { status: collected({ isLogging: true, latestCloudWatchLogsDeliveryAt: daysAgo(3) }) })), expect: [['FAIL', 'main', /CloudWatch Logs delivery stopped \(last 2026-10-29\)/]] },
  {
    name: 'a stopped single-region trail beside a multi-region one that covers its region is still judged, with when it stopped',
    plan: [{ key: 'cloudtrail:start-logging:arn:aws:cloudtrail:eu-west-1:123456789012:trail/stopped', risk: 'costs-money', calls: ['cloudtrail:StartLogging'] }],
    inventory: inv(
      trail('main'),
      trail('stopped', { arn: 'arn:aws:cloudtrail:eu-west-1:123456789012:trail/stopped', homeRegion: 'eu-west-1', multiRegion: false, status: collected({ isLogging: false, stoppedAt: '2026-11-29T03:12:44.000Z' }) }),
    ),
    expect: [['PASS', 'main'], ['FAIL', 'stopped', /^Trail stopped: logging stopped at 2026-11-29 03:12 UTC$/]],
  },
  { name: 'stopped, time unknown, nothing else wrong', plan: [{ key: 'cloudtrail:start-logging:arn:aws:cloudtrail:us-east-1:123456789012:trail/quiet', risk: 'safe', calls: ['cloudtrail:StartLogging'] }], inventory: inv(trail('quiet', { status: collected({ isLogging: false }) })), expect: [['FAIL', 'quiet', /it is not logging/]] },
  { name: 'delivery cannot be confirmed without the status', inventory: inv(trail('main', { status: accessDenied('cloudtrail:GetTrailStatus') })), expect: [['UNKNOWN', 'main', /grant cloudtrail:GetTrailStatus/]] },
  { name: 'denied', inventory: inventory({ cloudtrail: { trails: accessDenied('cloudtrail:ListTrails') } }), expect: [['UNKNOWN', '123456789012']] },
]);
