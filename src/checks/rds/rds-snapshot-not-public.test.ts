import check from './rds-snapshot-not-public.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, inventory } from '../../testing/builders.js';
import { collected } from '../../core/fact.js';

testCheck(check, [
  { name: 'none public', inventory: inventory({ rds: { publicSnapshots: { 'eu-west-1': collected([]) } } }), expect: [['PASS', '123456789012 in eu-west-1']] },
  {
    name: 'a public DB snapshot and a public cluster snapshot', plan: [{ key: 'rds:unshare-snapshot:eu-west-1:prod-2025', risk: 'may-disrupt', calls: ['rds:ModifyDBSnapshotAttribute'] }, { key: 'rds:unshare-cluster-snapshot:eu-west-1:aurora-final', risk: 'may-disrupt', calls: ['rds:ModifyDBClusterSnapshotAttribute'] }],
    inventory: inventory({ rds: { publicSnapshots: { 'eu-west-1': collected([{ kind: 'instance', id: 'prod-2025', arn: 'arn:aws:rds:eu-west-1:123456789012:snapshot:prod-2025' }, { kind: 'cluster', id: 'aurora-final' }]) } } }),
    expect: [['FAIL', 'prod-2025', /DB snapshot prod-2025 can be restored by anyone/], ['FAIL', 'aurora-final', /Cluster snapshot aurora-final/]],
  },
  { name: 'denied', inventory: inventory({ rds: { publicSnapshots: { 'eu-west-1': accessDenied('rds:DescribeDBSnapshots') } } }), expect: [['UNKNOWN', 'eu-west-1']] },
]);
