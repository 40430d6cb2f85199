import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { DescribeSecurityGroupsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GenerateCredentialReportCommand, IAMClient } from '@aws-sdk/client-iam';
import { collectInventory, type CollectPlan } from './collect.js';
import { awsError, testContext } from '../../test/support/aws.js';
import { inventorySchema } from '../inventory/schema.js';

const ec2 = mockClient(EC2Client);
const iam = mockClient(IAMClient);

const plan = (needs: CollectPlan['needs'], regions = ['eu-west-1', 'us-east-1']): CollectPlan => ({
  account: { id: '123456789012', partition: 'aws' },
  homeRegion: 'us-east-1',
  regions: { scanned: regions, skipped: [{ region: 'me-south-1', reason: 'opt-in region not enabled for this account' }] },
  needs,
});

describe('collectInventory', () => {
  beforeEach(() => {
    ec2.reset();
    iam.reset();
  });

  it('collects only what the selected checks need', async () => {
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
    const inventory = await collectInventory(testContext(), plan(new Set(['ec2.securityGroups'])));
    expect(iam).toHaveReceivedCommandTimes(GenerateCredentialReportCommand, 0);
    expect(inventory.iam.credentialReport).toBeUndefined();
    expect(Object.keys(inventory.ec2.securityGroups ?? {}).sort()).toEqual(['eu-west-1', 'us-east-1']);
  });

  it('keeps every region it could read when others are denied, time out or are throttled out', async () => {
    const context = testContext();
    ec2.on(DescribeSecurityGroupsCommand).callsFake(async (_input, getClient: () => EC2Client) => {
      const region = await getClient().config.region();
      if (region === 'us-east-1') throw awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403);
      if (region === 'ap-south-1') throw awsError('TimeoutError', 'Connection timed out after 2000 ms');
      if (region === 'sa-east-1') throw awsError('RequestLimitExceeded', 'Request limit exceeded.', 503);
      return { SecurityGroups: [{ GroupId: 'sg-1', GroupName: 'web', Description: 'd', OwnerId: '123456789012' }] };
    });
    const inventory = await collectInventory(context, plan(new Set(['ec2.securityGroups']), ['eu-west-1', 'us-east-1', 'ap-south-1', 'sa-east-1']));
    const byRegion = inventory.ec2.securityGroups ?? {};
    expect(byRegion['eu-west-1']?.status).toBe('collected');
    expect(byRegion['us-east-1']).toMatchObject({ kind: 'access-denied', errorCode: 'UnauthorizedOperation', permission: 'ec2:DescribeSecurityGroups' });
    expect(byRegion['ap-south-1']).toMatchObject({ kind: 'network', errorCode: 'TimeoutError' });
    expect(byRegion['ap-south-1']).not.toHaveProperty('permission');
    expect(byRegion['sa-east-1']).toMatchObject({ kind: 'throttled', errorCode: 'RequestLimitExceeded' });
    expect(inventorySchema.safeParse(inventory).success).toBe(true);
  });

  it('collects an empty account into a valid inventory', async () => {
    ec2.on(DescribeSecurityGroupsCommand).resolves({});
    const inventory = await collectInventory(testContext(), plan(new Set(['ec2.securityGroups'])));
    expect(inventory.ec2.securityGroups?.['eu-west-1']).toEqual({ status: 'collected', value: [] });
    expect(inventory.regions.skipped).toEqual([{ region: 'me-south-1', reason: 'opt-in region not enabled for this account' }]);
    expect(inventorySchema.safeParse(inventory).success).toBe(true);
  });
});
