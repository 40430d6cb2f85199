import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DEFAULT_REGIONS, planRegions } from './regions.js';
import { awsError, testContext } from '../../test/support/aws.js';

const ec2 = mockClient(EC2Client);
const REGIONS = {
  Regions: [
    { RegionName: 'us-east-1', OptInStatus: 'opt-in-not-required' },
    { RegionName: 'eu-west-1', OptInStatus: 'opt-in-not-required' },
    { RegionName: 'af-south-1', OptInStatus: 'opted-in' },
    { RegionName: 'ap-east-1', OptInStatus: 'not-opted-in' },
  ],
};

describe('planRegions', () => {
  beforeEach(() => ec2.reset());

  it('scans every enabled region, opted-in ones included, and lists disabled opt-in regions as skipped', async () => {
    ec2.on(DescribeRegionsCommand, { AllRegions: true }).resolves(REGIONS);
    expect(await planRegions(testContext(), 'us-east-1')).toEqual({
      scanned: ['af-south-1', 'eu-west-1', 'us-east-1'],
      skipped: [{ region: 'ap-east-1', reason: 'opt-in region not enabled for this account' }],
    });
  });

  it('narrows to --regions and skips a requested region that is not enabled', async () => {
    ec2.on(DescribeRegionsCommand).resolves(REGIONS);
    expect(await planRegions(testContext(), 'us-east-1', ['eu-west-1', 'ap-east-1'])).toEqual({
      scanned: ['eu-west-1'],
      skipped: [{ region: 'ap-east-1', reason: 'opt-in region not enabled for this account' }],
    });
  });

  it('rejects a region name that does not exist', async () => {
    ec2.on(DescribeRegionsCommand).resolves(REGIONS);
    await expect(planRegions(testContext(), 'us-east-1', ['eu-wset-1'])).rejects.toThrow(/unknown region eu-wset-1/);
  });

  it('falls back to the regions every account has when DescribeRegions is denied, and says so', async () => {
    ec2.on(DescribeRegionsCommand).rejects(awsError('UnauthorizedOperation', 'not authorized', 403));
    const plan = await planRegions(testContext(), 'us-east-1');
    expect(plan.scanned).toEqual(DEFAULT_REGIONS);
    expect(plan.warning).toMatch(/ec2:DescribeRegions: UnauthorizedOperation.*Grant ec2:DescribeRegions or pass --regions/);
  });
});
