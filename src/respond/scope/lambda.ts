/**
 * Lambda since T in one region: functions (Lambda keeps only LastModified, so a function changed
 * since T is listed too, and said so unless CloudTrail shows it was created) and layer versions.
 */
import { attempt, emptyResult, isNew, isoOf, item, type ReadContext, type ReadResult, type ScopeReader } from './reader.js';
import { awsSdk } from '../../aws/sdk-modules.js';

export const lambdaReader: ScopeReader = {
  name: 'lambda',
  scope: 'regional',
  operations: ['lambda:ListFunctions', 'lambda:ListLayers', 'lambda:ListLayerVersions'],
  read: readLambda,
};

async function readLambda(context: ReadContext): Promise<ReadResult> {
  const { LambdaClient, paginateListFunctions, paginateListLayers, paginateListLayerVersions } = awsSdk('lambda');
  const { region } = context;
  const client = context.aws.client('lambda', region, LambdaClient);
  const result = emptyResult();
  const functions = attempt(result, ['lambda-function'], region, 'lambda:ListFunctions', async () => {
    const provenance = await context.provenance();
    for await (const page of paginateListFunctions({ client, pageSize: 50 }, {})) {
      for (const f of page.Functions ?? []) {
        const changed = isoOf(f.LastModified);
        if (!f.FunctionName || !isNew(changed, context.since)) continue;
        const made = provenance.maker('lambda-function', f.FunctionName);
        result.items.push(
          item({
            kind: 'lambda-function',
            id: f.FunctionName,
            ...(f.FunctionArn ? { arn: f.FunctionArn } : {}),
            region,
            createdAt: made ? new Date(Date.parse(made.time)).toISOString() : changed,
            notes: made ? [] : ['created or changed since T (Lambda keeps no creation date)'],
            detail: { runtime: f.Runtime ?? '', role: f.Role ?? '', lastModified: changed },
          }),
        );
      }
    }
  });
  const layers = attempt(result, ['lambda-layer'], region, 'lambda:ListLayers', async () => {
    const names: string[] = [];
    for await (const page of paginateListLayers({ client, pageSize: 50 }, {})) for (const l of page.Layers ?? []) if (l.LayerName) names.push(l.LayerName);
    await Promise.all(
      names.map((name) =>
        attempt(result, ['lambda-layer'], region, 'lambda:ListLayerVersions', async () => {
          for await (const page of paginateListLayerVersions({ client, pageSize: 50 }, { LayerName: name })) {
            for (const v of page.LayerVersions ?? []) {
              const created = isoOf(v.CreatedDate);
              if (!v.LayerVersionArn || !isNew(created, context.since)) continue;
              result.items.push(item({ kind: 'lambda-layer', id: v.LayerVersionArn, arn: v.LayerVersionArn, region, createdAt: created, parent: name, detail: { layer: name, version: v.Version ?? 0 } }));
            }
          }
        }),
      ),
    );
  });
  await Promise.all([functions, layers]);
  return result;
}
