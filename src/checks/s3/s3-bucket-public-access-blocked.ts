import { defineCheck, fail, need, pass } from '../../core/check.js';
import { offSettings } from '../../policy/s3-public.js';
import { bucketsWithAccountBlock, describeBucket } from '../../inventory/resources.js';
import { blockBucketPublicAccess, BUCKET_BLOCK_ACTIONS } from '../../fixers/s3.js';

export default defineCheck({
  id: 's3-bucket-public-access-blocked',
  title: 'Every bucket has Block Public Access, itself or through the account',
  service: 's3',
  severity: 'medium',
  checklist: ['AS-20'],
  rationale:
    'With Block Public Access off, a private bucket is one ACL or policy change away from public. The setting makes that mistake impossible rather than merely unlikely.',
  remediation: {
    text: 'Turn on all four settings at the account level (covers every bucket), or on this bucket if the account must allow public buckets elsewhere.',
    cli: 'aws s3api put-public-access-block --bucket <bucket> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/configuring-block-public-access-bucket.html',
  },
  needs: ['s3.buckets', 's3.accountPublicAccessBlock'],
  resources: bucketsWithAccountBlock,
  describe: describeBucket,
  evaluate({ bucket, account }) {
    // The account-level settings cover every bucket: a bucket without its own is not a failure then.
    const accountOff = account.status === 'collected' ? offSettings(account.value) : undefined;
    if (accountOff?.length === 0) return pass(`Bucket ${bucket.name} is covered by the account-level Block Public Access`);
    const off = offSettings(need(bucket.publicAccessBlock, 's3:GetPublicAccessBlock'));
    const stillOff = accountOff ? off.filter((setting) => accountOff.includes(setting)) : off;
    if (stillOff.length === 0) return pass(`Bucket ${bucket.name} has Block Public Access on${accountOff ? '' : ' (bucket level)'}`);
    if (!accountOff) need(account, 's3control:GetPublicAccessBlock'); // the account might cover it: cannot tell
    return fail(`Bucket ${bucket.name} has Block Public Access off for ${stillOff.join(', ')}, at both bucket and account level`);
  },
  fix: { actions: BUCKET_BLOCK_ACTIONS, plan: ({ bucket, account }) => [blockBucketPublicAccess(bucket, account)] },
});
