import check from './account-quotas-headroom.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, inventory } from '../../testing/builders.js';
import { collected } from '../../core/fact.js';

testCheck(check, [
  {
    name: 'IAM roles near the limit, a region with room, another denied',
    inventory: inventory({
      regions: ['eu-west-1', 'us-east-1'],
      quotas: {
        account: collected([{ name: 'IAM roles', used: 950, limit: 1000 }, { name: 'IAM users', used: 12, limit: 5000 }]),
        regions: { 'eu-west-1': collected([{ name: 'Elastic IP addresses', used: 2, limit: 5 }]), 'us-east-1': accessDenied('servicequotas:GetServiceQuota') },
      },
    }),
    expect: [
      ['FAIL', 'IAM roles', /950 of 1000 \(95%\), at or above 80%/],
      ['PASS', 'IAM users', /12 of 5000 \(0%\)/],
      ['PASS', 'Elastic IP addresses in eu-west-1', /2 of 5 \(40%\)/],
      ['UNKNOWN', 'us-east-1'],
    ],
  },
]);
