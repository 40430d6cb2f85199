import check from './ec2-image-not-public.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, inventory } from '../../testing/builders.js';
import { collected } from '../../core/fact.js';

testCheck(check, [
  { name: 'none public', inventory: inventory({ ec2: { publicImages: { 'eu-west-1': collected([]) } } }), expect: [['PASS', '123456789012 in eu-west-1']] },
  { name: 'a public AMI', plan: [{ key: 'ec2:unshare-image:eu-west-1:ami-1', risk: 'may-disrupt', calls: ['ec2:ModifyImageAttribute'] }], inventory: inventory({ ec2: { publicImages: { 'eu-west-1': collected([{ imageId: 'ami-1', name: 'golden-2024', public: true }]) } } }), expect: [['FAIL', 'ami-1', /AMI ami-1 \(golden-2024\) can be launched by anyone/]] },
  { name: 'denied', inventory: inventory({ ec2: { publicImages: { 'eu-west-1': accessDenied('ec2:DescribeImages') } } }), expect: [['UNKNOWN', 'eu-west-1']] },
]);
