import check from './cloudtrail-trail-trustworthy.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, daysAgo, inventory, trail } from '../../testing/builders.js';
import { collected } from '../../core/fact.js';
import type { Trail } from '../../inventory/schema.js';

const inv = (...trails: Trail[]) => inventory({ cloudtrail: { trails: collected(trails) } });
const { kmsKeyId: _k, cloudWatchLogsLogGroupArn: _c, ...bare } = trail('bare', { logFileValidation: false });

testCheck(check, [
  { name: 'validated, encrypted, streaming', inventory: inv(trail('main')), expect: [['PASS', 'main']] },
  { name: 'none of it', inventory: inv(bare), expect: [['FAIL', 'bare', /log file validation is off; it is not delivered to CloudWatch Logs; its logs are not encrypted with KMS$/]] },
  { name: 'delivery stopped three days ago', inventory: inv(trail('main', { status: collected({ isLogging: true, latestCloudWatchLogsDeliveryAt: daysAgo(3) }) })), expect: [['FAIL', 'main', /CloudWatch Logs delivery stopped \(last 2026-10-29\)/]] },
  { name: 'delivery cannot be confirmed without the status', inventory: inv(trail('main', { status: accessDenied('cloudtrail:GetTrailStatus') })), expect: [['UNKNOWN', 'main', /grant cloudtrail:GetTrailStatus/]] },
  { name: 'denied', inventory: inventory({ cloudtrail: { trails: accessDenied('cloudtrail:ListTrails') } }), expect: [['UNKNOWN', '123456789012']] },
]);
