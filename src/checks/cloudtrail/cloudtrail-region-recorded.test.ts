import check from './cloudtrail-region-recorded.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, inventory, trail } from '../../testing/builders.js';
import { collected } from '../../core/fact.js';
import type { Trail } from '../../inventory/schema.js';

const inv = (trails: Trail[], regions = ['eu-west-1', 'us-east-1']) => inventory({ regions, cloudtrail: { trails: collected(trails) } });

testCheck(check, [
  { name: 'one multi-region trail covers every region', inventory: inv([trail('main')]), expect: [['PASS', '123456789012 in eu-west-1', /recorded by trail main \(multi-region\)/], ['PASS', '123456789012 in us-east-1']] },
  { name: 'a single-region trail covers only its home', inventory: inv([trail('local', { multiRegion: false, homeRegion: 'us-east-1' })]), expect: [['FAIL', '123456789012 in eu-west-1', /No trail records eu-west-1/], ['PASS', '123456789012 in us-east-1']] },
  { name: 'a stopped trail', inventory: inv([trail('main', { status: collected({ isLogging: false }) })], ['eu-west-1']), expect: [['FAIL', '123456789012 in eu-west-1', /main is not logging/]] },
  { name: 'write-only management events', inventory: inv([trail('main', { managementEvents: collected({ read: false, write: true, exclusions: [] }) })], ['eu-west-1']), expect: [['FAIL', '123456789012 in eu-west-1', /records only write management events/]] },
  { name: 'KMS events excluded is said, not failed', inventory: inv([trail('main', { managementEvents: collected({ read: true, write: true, exclusions: ['eventSource kms.amazonaws.com'] }) })], ['eu-west-1']), expect: [['PASS', '123456789012 in eu-west-1', /excluding eventSource kms\.amazonaws\.com/]] },
  { name: 'no trail at all', inventory: inv([], ['eu-west-1']), expect: [['FAIL', '123456789012 in eu-west-1']] },
  { name: 'status unreadable', inventory: inv([trail('main', { status: accessDenied('cloudtrail:GetTrailStatus') })], ['eu-west-1']), expect: [['UNKNOWN', '123456789012 in eu-west-1', /main could not be read/]] },
  { name: 'trails denied', inventory: inventory({ cloudtrail: { trails: accessDenied('cloudtrail:ListTrails') } }), expect: [['UNKNOWN', 'eu-west-1', /grant cloudtrail:ListTrails/]] },
]);
