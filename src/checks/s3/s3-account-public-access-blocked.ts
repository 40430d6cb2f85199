import { defineCheck, fail, need, pass } from '../../core/check.js';
import { attach, describeAccount, theAccount } from '../../inventory/resources.js';
import { offSettings } from '../../policy/s3-public.js';
import { BLOCK_ACCOUNT_PUBLIC_ACCESS_ACTIONS, blockAccountPublicAccess } from '../../fixers/s3.js';

export default defineCheck({
  id: 's3-account-public-access-blocked',
  title: 'S3 Block Public Access is on for the whole account',
  service: 's3',
  severity: 'high',
  checklist: ['AS-20'],
  rationale:
    'The account-level switch protects every bucket, including the one someone creates tomorrow with a public ACL by mistake. Without it, each bucket is one setting away from the internet.',
  remediation: {
    text: 'Turn on all four Block Public Access settings for the account. Buckets that must serve the public should do it through CloudFront with origin access control.',
    cli: 'aws s3control put-public-access-block --account-id <account-id> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/configuring-block-public-access-account.html',
  },
  needs: ['s3.accountPublicAccessBlock'],
  resources: (inventory) => attach(theAccount(inventory), { block: inventory.s3.accountPublicAccessBlock }),
  describe: ({ item }) => describeAccount(item),
  evaluate({ block }) {
    const off = offSettings(need(block, 's3control:GetPublicAccessBlock'));
    return off.length ? fail(`Account-level Block Public Access is off for ${off.join(', ')}`) : pass('All four account-level Block Public Access settings are on');
  },
  fix: {
    // The bucket list names the public buckets that would stop serving; planning reads it too.
    needs: ['s3.buckets'],
    actions: BLOCK_ACCOUNT_PUBLIC_ACCESS_ACTIONS,
    plan: ({ block }, context) => [blockAccountPublicAccess(need(block, 's3control:GetPublicAccessBlock'), context)],
  },
});
