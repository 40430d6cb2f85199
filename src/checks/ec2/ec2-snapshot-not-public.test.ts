import check from './ec2-snapshot-not-public.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, inventory } from '../../testing/builders.js';
import { collected } from '../../core/fact.js';

testCheck(check, [
  { name: 'none public', inventory: inventory({ ec2: { publicSnapshots: { 'eu-west-1': collected([]) } } }), expect: [['PASS', '123456789012 in eu-west-1', /No EBS snapshot of the account is public in eu-west-1/]] },
  {
    name: 'one public', plan: [{ key: 'ec2:unshare-snapshot:eu-west-1:snap-0abc', risk: 'may-disrupt', calls: ['ec2:ModifySnapshotAttribute'] }, { key: 'ec2:block-snapshot-public-access:eu-west-1', risk: 'may-disrupt', calls: ['ec2:EnableSnapshotBlockPublicAccess'], irreversible: true }],
    inventory: inventory({ ec2: { publicSnapshots: { 'eu-west-1': collected([{ id: 'snap-0abc', sizeGiB: 100, description: 'db backup' }]) } } }),
    expect: [['FAIL', 'snap-0abc', /Snapshot snap-0abc \("db backup"\), 100 GiB can be restored by anyone/]],
  },
  { name: 'denied', inventory: inventory({ ec2: { publicSnapshots: { 'eu-west-1': accessDenied('ec2:DescribeSnapshots') } } }), expect: [['UNKNOWN', 'eu-west-1']] },
]);
