import check from './cloudtrail-region-recorded.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, inventory, trail } from '../../testing/builders.js';
import { collected } from '../../core/fact.js';
import type { Trail } from '../../inventory/schema.js';

const inv = (trails: Trail[], regions = ['eu-west-1', 'us-east-1']) => inventory({ regions, cloudtrail: { trails: collected(trails) } });

testCheck(check, [
  { name: 'one multi-region trail covers every region', inventory: inv([trail('main')]), expect: [['PASS', '123456789012 in eu-west-1', /recorded by trail main \(multi-region\)/], ['PASS', '123456789012 in us-east-1']] },
  { name: 'a single-region trail covers only its home', plan: [{ key: 'cloudtrail:make-multi-region:arn:aws:cloudtrail:us-east-1:123456789012:trail/local', risk: 'safe', calls: ['cloudtrail:UpdateTrail'] }], inventory: inv([trail('local', { multiRegion: false, homeRegion: 'us-east-1' })]), expect: [['FAIL', '123456789012 in eu-west-1', /No trail records eu-west-1/], ['PASS', '123456789012 in us-east-1']] },
  { name: 'a stopped trail', plan: [{ key: 'cloudtrail:start-logging:arn:aws:cloudtrail:us-east-1:123456789012:trail/main', risk: 'safe', calls: ['cloudtrail:StartLogging'] }], inventory: inv([trail('main', { status: collected({ isLogging: false }) })], ['eu-west-1']), expect: [['FAIL', '123456789012 in eu-west-1', /main is not logging/]] },
  { name: 'write-only management events', plan: [], inventory: inv([trail('main', { managementEvents: collected({ read: false, write: true, exclusions: [] }) })], ['eu-west-1']), expect: [['FAIL', '123456789012 in eu-west-1', /records only write management events/]] },
  { name: 'KMS events excluded is said, not failed', inventory: inv([trail('main', { managementEvents: collected({ read: true, write: true, exclusions: ['eventSource kms.amazonaws.com'] }) })], ['eu-west-1']), expect: [['PASS', '123456789012 in eu-west-1', /excluding eventSource kms\.amazonaws\.com/]] },
  { name: 'no trail at all', plan: [{ key: 's3:create-trail-bucket:bulwark-cloudtrail-123456789012', risk: 'costs-money', calls: ['s3:CreateBucket', 's3:PutBucketPublicAccessBlock', 's3:PutBucketVersioning', 's3:PutEncryptionConfiguration', 's3:PutBucketObjectLockConfiguration', 's3:PutBucketPolicy', 's3:PutBucketLogging'], irreversible: true }, { key: 'logs:create-log-group:us-east-1:bulwark-cloudtrail', risk: 'costs-money', calls: ['logs:CreateLogGroup', 'logs:PutRetentionPolicy'], irreversible: true }, { key: 'iam:create-role:BulwarkCloudTrailToLogs', risk: 'safe', calls: ['iam:CreateRole', 'iam:PutRolePolicy'] }, { key: 'cloudtrail:create-trail:arn:aws:cloudtrail:us-east-1:123456789012:trail/bulwark-trail', risk: 'safe', calls: ['cloudtrail:CreateTrail', 'cloudtrail:StartLogging'], dependsOn: ['s3:create-trail-bucket:bulwark-cloudtrail-123456789012', 'logs:create-log-group:us-east-1:bulwark-cloudtrail', 'iam:create-role:BulwarkCloudTrailToLogs'] }], inventory: inv([], ['eu-west-1']), expect: [['FAIL', '123456789012 in eu-west-1']] },
  { name: 'status unreadable', inventory: inv([trail('main', { status: accessDenied('cloudtrail:GetTrailStatus') })], ['eu-west-1']), expect: [['UNKNOWN', '123456789012 in eu-west-1', /main could not be read/]] },
  { name: 'trails denied', inventory: inventory({ cloudtrail: { trails: accessDenied('cloudtrail:ListTrails') } }), expect: [['UNKNOWN', 'eu-west-1', /grant cloudtrail:ListTrails/]] },
]);
