/**
 * Secrets in configuration: Lambda environments, EC2 user data (instances and launch templates),
 * CloudFormation parameters and outputs, ECS task definition environments. Values are scanned as
 * they arrive and only the redacted hits are kept: the inventory never holds the configuration.
 */
import { gunzipSync } from 'node:zlib';
import type { Scanned } from '../../inventory/schema.js';
import { detectInVariables, detectSecrets } from '../../secrets/detect.js';
import { dependency, readEach, regionalCollector } from '../collector.js';
import { awsSdk } from '../../aws/sdk-modules.js';

/** User data is base64, and gzip-compressed when it starts with the gzip magic bytes. */
export function decodeUserData(base64: string): string {
  const bytes = Buffer.from(base64, 'base64');
  return (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
}

export const lambdaFunctions = regionalCollector({
  key: 'secrets.lambdaFunctions',
  service: 'lambda',
  operations: ['ListFunctions'],
  // ListFunctions returns every function's environment: no per-function call.
  collect: async (aws, region): Promise<Scanned[]> => {
    const { LambdaClient, paginateListFunctions } = awsSdk('lambda');
    const client = aws.client('lambda', region, LambdaClient);
    const result: Scanned[] = [];
    for await (const page of paginateListFunctions({ client, pageSize: 50 }, {})) {
      for (const f of page.Functions ?? []) {
        result.push({ id: f.FunctionArn ?? '', name: f.FunctionName ?? '', kind: 'Lambda function', hits: detectInVariables(f.Environment?.Variables ?? {}) });
      }
    }
    return result;
  },
});

export const userData = regionalCollector({
  key: 'secrets.userData',
  service: 'ec2',
  operations: ['DescribeInstanceAttribute', 'DescribeLaunchTemplateVersions'],
  after: ['ec2.instances'],
  collect: async (aws, region, account, inventory): Promise<Scanned[]> => {
    const sdk = awsSdk('ec2');
    const client = aws.client('ec2', region, sdk.EC2Client);
    // User data has no bulk read: one call per running instance.
    const running = dependency(inventory.ec2.instances?.[region], 'ec2:DescribeInstances').filter((i) => i.state === 'running');
    const fromInstances = await readEach(
      running,
      async (i): Promise<Scanned> => {
        const { UserData } = await client.send(new sdk.DescribeInstanceAttributeCommand({ InstanceId: i.instanceId, Attribute: 'userData' }));
        return { id: `arn:${account.partition}:ec2:${region}:${account.id}:instance/${i.instanceId}`, name: i.name ? `${i.instanceId} (${i.name})` : i.instanceId, kind: 'EC2 instance', hits: UserData?.Value ? detectSecrets(decodeUserData(UserData.Value)) : [] };
      },
      aws.concurrency,
    );
    // Without a template id, $Latest and $Default cover every launch template in one listing.
    const fromTemplates: Scanned[] = [];
    for await (const page of sdk.paginateDescribeLaunchTemplateVersions({ client, pageSize: 200 }, { Versions: ['$Latest', '$Default'] })) {
      for (const v of page.LaunchTemplateVersions ?? []) {
        const name = `${v.LaunchTemplateName ?? v.LaunchTemplateId ?? ''} v${v.VersionNumber ?? '?'}`;
        if (fromTemplates.some((t) => t.name === name)) continue;
        const data = v.LaunchTemplateData?.UserData;
        fromTemplates.push({ id: `arn:${account.partition}:ec2:${region}:${account.id}:launch-template/${v.LaunchTemplateId ?? ''}`, name, kind: 'launch template', hits: data ? detectSecrets(decodeUserData(data)) : [] });
      }
    }
    return [...fromInstances, ...fromTemplates];
  },
});

export const cloudFormationStacks = regionalCollector({
  key: 'secrets.cloudFormationStacks',
  service: 'cloudformation',
  operations: ['DescribeStacks'],
  collect: async (aws, region): Promise<Scanned[]> => {
    const { CloudFormationClient, paginateDescribeStacks } = awsSdk('cloudformation');
    const client = aws.client('cloudformation', region, CloudFormationClient);
    const result: Scanned[] = [];
    for await (const page of paginateDescribeStacks({ client }, {})) {
      for (const s of page.Stacks ?? []) {
        // NoEcho parameters come back as "****" and are skipped as placeholders.
        const parameters = Object.fromEntries((s.Parameters ?? []).map((p) => [`parameter ${p.ParameterKey ?? ''}`, p.ParameterValue ?? '']));
        const outputs = Object.fromEntries((s.Outputs ?? []).map((o) => [`output ${o.OutputKey ?? ''}`, o.OutputValue ?? '']));
        result.push({ id: s.StackId ?? '', name: s.StackName ?? '', kind: 'CloudFormation stack', hits: detectInVariables({ ...parameters, ...outputs }) });
      }
    }
    return result;
  },
});

export const ecsTaskDefinitions = regionalCollector({
  key: 'secrets.ecsTaskDefinitions',
  service: 'ecs',
  operations: ['ListTaskDefinitionFamilies', 'DescribeTaskDefinition'],
  // The latest active revision of each family: what new tasks start with.
  collect: async (aws, region): Promise<Scanned[]> => {
    const { ECSClient, DescribeTaskDefinitionCommand, paginateListTaskDefinitionFamilies } = awsSdk('ecs');
    const client = aws.client('ecs', region, ECSClient);
    const families: string[] = [];
    for await (const page of paginateListTaskDefinitionFamilies({ client, pageSize: 100 }, { status: 'ACTIVE' })) families.push(...(page.families ?? []));
    return readEach(
      families,
      async (family): Promise<Scanned> => {
        const { taskDefinition } = await client.send(new DescribeTaskDefinitionCommand({ taskDefinition: family }));
        const variables = Object.fromEntries(
          (taskDefinition?.containerDefinitions ?? []).flatMap((c) => (c.environment ?? []).map((e) => [`${c.name ?? 'container'} ${e.name ?? ''}`, e.value ?? ''])),
        );
        return { id: taskDefinition?.taskDefinitionArn ?? family, name: `${family}:${taskDefinition?.revision ?? '?'}`, kind: 'ECS task definition', hits: detectInVariables(variables) };
      },
      aws.concurrency,
    );
  },
});
