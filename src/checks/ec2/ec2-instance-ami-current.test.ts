import check from './ec2-instance-ami-current.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, daysAgo, instance, inventory } from '../../testing/builders.js';
import { collected, type Fact } from '../../core/fact.js';
import type { Ec2Image } from '../../inventory/schema.js';

const inv = (list: ReturnType<typeof instance>[], images: Fact<Ec2Image[]>) => inventory({ ec2: { instances: { 'eu-west-1': collected(list) }, instanceImages: { 'eu-west-1': images } } });
const image = (id: string, days: number): Ec2Image => ({ imageId: id, name: `al2023-${id}`, createdAt: daysAgo(days), public: true });

testCheck(check, [
  { name: 'a month-old AMI', inventory: inv([instance('i-1', { imageId: 'ami-new' })], collected([image('ami-new', 30)])), expect: [['PASS', 'i-1', /30 days old/]] },
  { name: 'a two-year-old AMI', inventory: inv([instance('i-1', { imageId: 'ami-old' })], collected([image('ami-old', 730)])), expect: [['FAIL', 'i-1', /ami-old \(al2023-ami-old\), built 2024-11-01: 730 days old \(limit 180\)/]] },
  { name: 'a deregistered AMI', inventory: inv([instance('i-1', { imageId: 'ami-gone' })], collected([])), expect: [['FAIL', 'i-1', /no longer exists/]] },
  { name: 'stopped instances are not judged', inventory: inv([instance('i-1', { imageId: 'ami-gone', state: 'stopped' })], collected([])), expect: [['NOT_APPLICABLE', 'i-1']] },
  { name: 'images unreadable', inventory: inv([instance('i-1')], accessDenied('ec2:DescribeImages')), expect: [['UNKNOWN', 'i-1', /grant ec2:DescribeImages/]] },
  { name: 'instances denied', inventory: inventory({ ec2: { instances: { 'eu-west-1': accessDenied('ec2:DescribeInstances') } } }), expect: [['UNKNOWN', 'eu-west-1']] },
]);
