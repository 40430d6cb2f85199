import { gzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DescribeTaskDefinitionCommand, ECSClient, ListTaskDefinitionFamiliesCommand } from '@aws-sdk/client-ecs';
import { DescribeInstanceAttributeCommand, DescribeInstancesCommand, DescribeLaunchTemplateVersionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { cloudFormationStacks, decodeUserData, ecsTaskDefinitions, lambdaFunctions } from './configuration.js';
import { collectInventory } from '../../core/collect.js';
import { inventory } from '../../testing/builders.js';
import type { Scanned } from '../../inventory/schema.js';
import { TEST_ACCOUNT, testContext } from '../../../test/support/aws.js';

const lambda = mockClient(LambdaClient);
const cfn = mockClient(CloudFormationClient);
const ecs = mockClient(ECSClient);
const ec2 = mockClient(EC2Client);
const keyId = () => `AKIA${[...randomBytes(16)].map((b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[b % 32]).join('')}`;

describe('secret collectors', () => {
  beforeEach(() => {
    lambda.reset();
    cfn.reset();
    ecs.reset();
    ec2.reset();
  });

  it('scans Lambda environments from the listing alone and keeps only redacted hits', async () => {
    const id = keyId();
    lambda.on(ListFunctionsCommand).resolvesOnce({ Functions: [{ FunctionName: 'api', FunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:api', Environment: { Variables: { AWS_ACCESS_KEY_ID: id, STAGE: 'prod' } } }], NextMarker: 'm' }).resolvesOnce({ Functions: [{ FunctionName: 'cron' }] });
    const found = await lambdaFunctions.collect(testContext(), 'eu-west-1', TEST_ACCOUNT, inventory());
    expect(found).toEqual([
      { id: 'arn:aws:lambda:eu-west-1:123456789012:function:api', name: 'api', kind: 'Lambda function', hits: [{ type: 'AWS access key id', preview: `${id.slice(0, 4)}… (20 chars)`, name: 'AWS_ACCESS_KEY_ID' }] },
      { id: '', name: 'cron', kind: 'Lambda function', hits: [] },
    ]);
    expect(JSON.stringify(found)).not.toContain(id);
    expect(lambda.calls()).toHaveLength(2);
  });

  it('decodes gzip-compressed, base64 user data of running instances and of launch templates', async () => {
    const id = keyId();
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ Instances: [{ InstanceId: 'i-1', State: { Name: 'running' }, ImageId: 'ami-1' }, { InstanceId: 'i-2', State: { Name: 'stopped' }, ImageId: 'ami-1' }] }] });
    ec2.on(DescribeInstanceAttributeCommand).resolves({ UserData: { Value: gzipSync(`#!/bin/bash\nexport AWS_ACCESS_KEY_ID=${id}\n`).toString('base64') } });
    ec2.on(DescribeLaunchTemplateVersionsCommand).resolves({
      LaunchTemplateVersions: [
        { LaunchTemplateId: 'lt-1', LaunchTemplateName: 'web', VersionNumber: 3, LaunchTemplateData: { UserData: Buffer.from('#cloud-config\npackages: [nginx]\n').toString('base64') } },
        { LaunchTemplateId: 'lt-1', LaunchTemplateName: 'web', VersionNumber: 3 },
      ],
    });
    const result = await collectInventory(testContext(), { account: TEST_ACCOUNT, homeRegion: 'us-east-1', regions: { scanned: ['eu-west-1'], skipped: [] }, needs: new Set(['secrets.userData']) });
    const scanned = result.secrets.userData?.['eu-west-1'];
    expect(scanned?.status === 'collected' && scanned.value).toEqual([
      { id: 'arn:aws:ec2:eu-west-1:123456789012:instance/i-1', name: 'i-1', kind: 'EC2 instance', hits: [{ type: 'AWS access key id', preview: `${id.slice(0, 4)}… (20 chars)`, line: 2 }] },
      { id: 'arn:aws:ec2:eu-west-1:123456789012:launch-template/lt-1', name: 'web v3', kind: 'launch template', hits: [] },
    ]);
    expect(ec2.commandCalls(DescribeInstanceAttributeCommand)).toHaveLength(1); // running instances only
    expect(ec2.commandCalls(DescribeLaunchTemplateVersionsCommand)[0]?.args[0].input).toMatchObject({ Versions: ['$Latest', '$Default'] });
  });

  it('reads CloudFormation parameters and outputs, skipping NoEcho values', async () => {
    cfn.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackName: 'db',
          StackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/db/1',
          CreationTime: new Date(),
          StackStatus: 'CREATE_COMPLETE',
          Parameters: [{ ParameterKey: 'MasterPassword', ParameterValue: '****' }, { ParameterKey: 'AdminPassword', ParameterValue: 'S3cr3t-Passw0rd' }],
          Outputs: [{ OutputKey: 'Endpoint', OutputValue: 'db.example.internal' }],
        },
      ],
    });
    const [stack] = (await cloudFormationStacks.collect(testContext(), 'eu-west-1', TEST_ACCOUNT, inventory())) as Scanned[];
    expect(stack?.hits).toEqual([{ type: 'plaintext secret', preview: 'S3… (15 chars)', name: 'parameter AdminPassword' }]);
  });

  it('reads the latest revision of each ECS task definition family', async () => {
    ecs.on(ListTaskDefinitionFamiliesCommand).resolves({ families: ['web'] });
    ecs.on(DescribeTaskDefinitionCommand, { taskDefinition: 'web' }).resolves({
      taskDefinition: { taskDefinitionArn: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/web:7', revision: 7, containerDefinitions: [{ name: 'app', environment: [{ name: 'API_TOKEN', value: 'tok_live_51Habc' }, { name: 'PORT', value: '8080' }] }] },
    });
    expect(await ecsTaskDefinitions.collect(testContext(), 'eu-west-1', TEST_ACCOUNT, inventory())).toEqual([
      { id: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/web:7', name: 'web:7', kind: 'ECS task definition', hits: [{ type: 'plaintext secret', preview: 'to… (15 chars)', name: 'app API_TOKEN' }] },
    ]);
  });

  it('leaves uncompressed user data as it is', () => {
    expect(decodeUserData(Buffer.from('echo hi').toString('base64'))).toBe('echo hi');
  });
});
