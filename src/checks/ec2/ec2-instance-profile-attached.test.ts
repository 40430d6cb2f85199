import check from './ec2-instance-profile-attached.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, instance, inventory } from '../../testing/builders.js';
import { collected } from '../../core/fact.js';

const withInstances = (...list: ReturnType<typeof instance>[]) => inventory({ ec2: { instances: { 'eu-west-1': collected(list) } } });
const { instanceProfileArn: _profile, ...bare } = instance('i-2', { name: 'legacy' });

testCheck(check, [
  { name: 'with a role', inventory: withInstances(instance('i-1')), expect: [['PASS', 'i-1', /instance profile app/]] },
  { name: 'without a role', inventory: withInstances(bare), expect: [['FAIL', 'i-2 (legacy)', /no instance profile/]] },
  { name: 'stopped instances are not judged', inventory: withInstances({ ...bare, state: 'stopped' }), expect: [['NOT_APPLICABLE', 'i-2 (legacy)']] },
  { name: 'denied', inventory: inventory({ ec2: { instances: { 'eu-west-1': accessDenied('ec2:DescribeInstances') } } }), expect: [['UNKNOWN', 'eu-west-1']] },
]);
