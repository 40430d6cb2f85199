/** The Lambda, ECS, Organizations and Cost Explorer scope readers against SDK client mocks. */
import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { LambdaClient, ListFunctionsCommand, ListLayersCommand, ListLayerVersionsCommand } from '@aws-sdk/client-lambda';
import { DescribeServicesCommand, ECSClient, ListClustersCommand, ListServicesCommand } from '@aws-sdk/client-ecs';
import { ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { CostExplorerClient, GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import { awsError, TEST_ACCOUNT, testContext } from '../../../test/support/aws.js';
import { lambdaReader } from './lambda.js';
import { ecsReader } from './ecs.js';
import { organizationsReader } from './organizations.js';
import { readCost } from './cost.js';
import { Provenance } from './provenance.js';
import type { ReadContext } from './reader.js';

/** A reason that names the error code. */
const containing = (text: string) => expect.stringContaining(text) as string;

const lambda = mockClient(LambdaClient);
const ecs = mockClient(ECSClient);
const orgs = mockClient(OrganizationsClient);
const ce = mockClient(CostExplorerClient);
const SINCE = new Date('2026-11-28T00:00:00Z');
const created = { eventName: 'CreateFunction20150331', eventSource: 'lambda.amazonaws.com', eventTime: '2026-11-28T07:00:00Z', awsRegion: 'eu-west-1', eventID: 'e9', userIdentity: { arn: 'arn:aws:iam::123456789012:user/deploy' }, responseElements: { functionName: 'miner' } };
const context = (records: Record<string, unknown>[] = []): ReadContext => ({ aws: testContext(), account: TEST_ACCOUNT, region: 'eu-west-1', since: SINCE, provenance: () => Promise.resolve(new Provenance(records)) });

beforeEach(() => {
  lambda.reset();
  ecs.reset();
  orgs.reset();
  ce.reset();
});

describe('the Lambda scope reader', () => {
  it('pages functions and layer versions; a function changed but not created since T says so', async () => {
    lambda
      .on(ListFunctionsCommand)
      .resolvesOnce({ Functions: [{ FunctionName: 'miner', FunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:miner', LastModified: '2026-11-28T07:00:00.000+0000' }], NextMarker: 'm' })
      .resolvesOnce({ Functions: [{ FunctionName: 'resize', LastModified: '2026-11-29T01:00:00.000+0000' }, { FunctionName: 'old', LastModified: '2025-01-01T00:00:00.000+0000' }] });
    lambda.on(ListLayersCommand).resolves({ Layers: [{ LayerName: 'tools' }] });
    lambda.on(ListLayerVersionsCommand).resolves({ LayerVersions: [{ LayerVersionArn: 'arn:aws:lambda:eu-west-1:123456789012:layer:tools:2', Version: 2, CreatedDate: '2026-11-28T08:00:00.000+0000' }, { LayerVersionArn: 'arn:aws:lambda:eu-west-1:123456789012:layer:tools:1', Version: 1, CreatedDate: '2025-01-01T00:00:00.000+0000' }] });
    const { items, unreadable } = await lambdaReader.read(context([created]));
    expect(unreadable).toEqual([]);
    expect(items.map((i) => [i.kind, i.id, i.createdAt, i.notes])).toEqual([
      ['lambda-function', 'miner', '2026-11-28T07:00:00.000Z', []],
      ['lambda-function', 'resize', '2026-11-29T01:00:00.000Z', ['created or changed since T (Lambda keeps no creation date)']],
      ['lambda-layer', 'arn:aws:lambda:eu-west-1:123456789012:layer:tools:2', '2026-11-28T08:00:00.000Z', []],
    ]);
  });

  it('a denied ListFunctions leaves layers read', async () => {
    lambda.on(ListFunctionsCommand).rejects(awsError('AccessDeniedException', 'not authorized', 403));
    lambda.on(ListLayersCommand).resolves({ Layers: [] });
    const { unreadable } = await lambdaReader.read(context());
    expect(unreadable).toEqual([{ kind: 'lambda-function', region: 'eu-west-1', permission: 'lambda:ListFunctions', reason: containing('AccessDeniedException') }]);
  });
});

describe('the ECS scope reader', () => {
  it('reads every cluster and describes services ten at a time', async () => {
    ecs.on(ListClustersCommand).resolves({ clusterArns: ['arn:c1'] });
    const arns = Array.from({ length: 12 }, (_, i) => `arn:s${i}`);
    ecs.on(ListServicesCommand).resolvesOnce({ serviceArns: arns.slice(0, 6), nextToken: 't' }).resolvesOnce({ serviceArns: arns.slice(6) });
    ecs.on(DescribeServicesCommand).callsFake((input: { services: string[] }) => ({ services: input.services.map((s, i) => ({ serviceArn: s, serviceName: s, createdAt: i === 0 ? new Date('2026-11-28T03:00:00Z') : new Date('2025-01-01T00:00:00Z') })) }));
    const { items, unreadable } = await ecsReader.read(context());
    expect(unreadable).toEqual([]);
    expect(items.map((i) => [i.id, i.parent])).toEqual([['arn:s0', 'arn:c1'], ['arn:s10', 'arn:c1']]);
    expect(ecs.commandCalls(DescribeServicesCommand).map((c) => c.args[0].input.services?.length)).toEqual([10, 2]);
  });

  it('an empty account has no clusters and nothing unreadable', async () => {
    ecs.on(ListClustersCommand).resolves({ clusterArns: [] });
    expect(await ecsReader.read(context())).toEqual({ items: [], unreadable: [] });
  });
});

describe('the Organizations scope reader', () => {
  it('pages accounts and keeps those that joined since T', async () => {
    orgs
      .on(ListAccountsCommand)
      .resolvesOnce({ Accounts: [{ Id: '111111111111', JoinedTimestamp: new Date('2025-01-01T00:00:00Z'), JoinedMethod: 'CREATED' }], NextToken: 'n' })
      .resolvesOnce({ Accounts: [{ Id: '222222222222', Name: 'x', JoinedTimestamp: new Date('2026-11-28T09:00:00Z'), JoinedMethod: 'INVITED', State: 'ACTIVE' }] });
    const { items } = await organizationsReader.read({ ...context(), region: 'us-east-1' });
    expect(items.map((i) => [i.id, i.notes, i.detail])).toEqual([['222222222222', ['account invited into the organisation'], { name: 'x', status: 'ACTIVE', joinedMethod: 'INVITED' }]]);
  });

  it('not in an organisation is nothing to list; a member account denied is unreadable', async () => {
    orgs.on(ListAccountsCommand).rejects(awsError('AWSOrganizationsNotInUseException', 'not in an organisation'));
    expect(await organizationsReader.read(context())).toEqual({ items: [], unreadable: [] });
    orgs.on(ListAccountsCommand).rejects(awsError('AccessDeniedException', 'not the management account'));
    expect((await organizationsReader.read(context())).unreadable).toEqual([{ kind: 'organizations-account', region: 'global', permission: 'organizations:ListAccounts', reason: containing('AccessDeniedException') }]);
  });
});

describe('the cost reader', () => {
  it('asks for 44 days before today by service and averages the last 14 against the 30 before, across pages', async () => {
    const day = (d: string, amount: string) => ({ TimePeriod: { Start: d, End: d }, Groups: [{ Keys: ['Amazon EC2'], Metrics: { UnblendedCost: { Amount: amount, Unit: 'USD' } } }] });
    ce.on(GetCostAndUsageCommand).resolvesOnce({ ResultsByTime: [day('2026-10-20', '30')], NextPageToken: 'p' }).resolvesOnce({ ResultsByTime: [day('2026-11-28', '140')] });
    const { cost, unreadable } = await readCost({ aws: testContext(), account: { partition: 'aws' } }, new Date('2026-12-02T10:00:00Z'));
    expect(unreadable).toEqual([]);
    expect(cost).toEqual({ currency: 'USD', recentDays: 14, baselineDays: 30, byService: [{ service: 'Amazon EC2', recentPerDay: 10, baselinePerDay: 1 }] });
    expect(ce.commandCalls(GetCostAndUsageCommand)[0]?.args[0].input).toMatchObject({ TimePeriod: { Start: '2026-10-19', End: '2026-12-02' }, Granularity: 'DAILY', Metrics: ['UnblendedCost'], GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }] });
    expect(ce.commandCalls(GetCostAndUsageCommand)[1]?.args[0].input).toMatchObject({ NextPageToken: 'p' });
  });

  it('denied, the cost is unreadable and absent', async () => {
    ce.on(GetCostAndUsageCommand).rejects(awsError('AccessDeniedException', 'not authorized', 400));
    const result = await readCost({ aws: testContext(), account: { partition: 'aws' } }, new Date());
    expect(result.cost).toBeUndefined();
    expect(result.unreadable).toEqual([{ kind: 'cost', region: 'us-east-1', permission: 'ce:GetCostAndUsage', reason: containing('AccessDeniedException') }]);
  });

  it('asks the partition\'s own Cost Explorer endpoint: cn-northwest-1 in China', async () => {
    ce.on(GetCostAndUsageCommand).rejects(awsError('AccessDeniedException', 'not authorized', 400));
    const result = await readCost({ aws: testContext(), account: { partition: 'aws-cn' } }, new Date());
    expect(result.unreadable.map((u) => u.region)).toEqual(['cn-northwest-1']);
    const client = ce.commandCalls(GetCostAndUsageCommand)[0]?.thisValue as { config: { region: () => Promise<string> } };
    expect(await client.config.region()).toBe('cn-northwest-1');
  });
});
