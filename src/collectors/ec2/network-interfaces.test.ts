import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { DescribeNetworkInterfacesCommand, EC2Client, GetSnapshotBlockPublicAccessStateCommand } from '@aws-sdk/client-ec2';
import { collectSecurityGroupUse, snapshotBlockPublicAccess } from './network-interfaces.js';
import { awsError, testContext, TEST_ACCOUNT } from '../../../test/support/aws.js';
import { inventory } from '../../testing/builders.js';

const ec2 = mockClient(EC2Client);

describe('collectSecurityGroupUse', () => {
  beforeEach(() => ec2.reset());

  it('counts interfaces per group over every page', async () => {
    ec2
      .on(DescribeNetworkInterfacesCommand)
      .resolvesOnce({ NetworkInterfaces: [{ Groups: [{ GroupId: 'sg-default' }, { GroupId: 'sg-web' }] }, { Groups: [{ GroupId: 'sg-default' }] }], NextToken: 'page-2' })
      .resolvesOnce({ NetworkInterfaces: [{ Groups: [{ GroupId: 'sg-web' }] }, { Groups: [] }] });
    expect(await collectSecurityGroupUse(testContext(), 'eu-west-1')).toEqual({ 'sg-default': 2, 'sg-web': 2 });
    expect(ec2).toHaveReceivedCommandTimes(DescribeNetworkInterfacesCommand, 2);
  });

  it('gives an empty map for a region without interfaces', async () => {
    ec2.on(DescribeNetworkInterfacesCommand).resolves({ NetworkInterfaces: [] });
    expect(await collectSecurityGroupUse(testContext(), 'eu-west-1')).toEqual({});
  });
});

describe('snapshotBlockPublicAccess', () => {
  beforeEach(() => ec2.reset());

  it('reads the region state', async () => {
    ec2.on(GetSnapshotBlockPublicAccessStateCommand).resolves({ State: 'block-new-sharing' });
    expect(await snapshotBlockPublicAccess.collect(testContext(), 'eu-west-1', TEST_ACCOUNT, inventory())).toBe('block-new-sharing');
  });

  it('lets a denial through for the engine to store as not collected', async () => {
    ec2.on(GetSnapshotBlockPublicAccessStateCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403));
    await expect(snapshotBlockPublicAccess.collect(testContext(), 'eu-west-1', TEST_ACCOUNT, inventory())).rejects.toThrow(/not authorized/);
  });
});
