import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import type { AwsContext } from '../aws/context.js';
import { errorCode } from '../aws/errors.js';
import { ASFF_BATCH_SIZE } from '../reporters/asff.js';
import { plural } from '../lib/text.js';
import { awsSdk } from '../aws/sdk-modules.js';

export interface ImportResult {
  readonly imported: number;
  /** One line per problem: a rejected finding, or a region whose import failed as a whole. */
  readonly problems: readonly string[];
}

/**
 * `--security-hub`: BatchImportFindings into each finding's region, 100 per call. The only write
 * a scan can make, and only when asked. A region that refuses (Security Hub off, permission
 * missing) is reported and the other regions still import.
 */
export async function importToSecurityHub(aws: AwsContext, findings: readonly AwsSecurityFinding[]): Promise<ImportResult> {
  const { SecurityHubClient, BatchImportFindingsCommand } = awsSdk('securityhub');
  const byRegion = new Map<string, AwsSecurityFinding[]>();
  for (const f of findings) {
    const region = f.Resources?.[0]?.Region ?? f.ProductArn?.split(':')[3] ?? '';
    byRegion.set(region, [...(byRegion.get(region) ?? []), f]);
  }
  let imported = 0;
  const problems: string[] = [];
  // Security Hub off in a region rejects every finding one by one (InvalidAccess): one line per region and cause.
  const rejections = new Map<string, { count: number; example: string }>();
  const rejected = (region: string, failed: readonly { Id?: string | undefined; ErrorCode?: string | undefined; ErrorMessage?: string | undefined }[]) => {
    for (const f of failed) {
      const key = `${region}: ${f.ErrorCode ?? 'rejected'}`;
      const entry = rejections.get(key) ?? { count: 0, example: `${f.Id ?? '?'}: ${f.ErrorMessage ?? ''}` };
      rejections.set(key, { ...entry, count: entry.count + 1 });
    }
  };
  await Promise.all(
    [...byRegion].map(async ([region, list]) => {
      const client = aws.client('securityhub', region, SecurityHubClient);
      for (let start = 0; start < list.length; start += ASFF_BATCH_SIZE) {
        try {
          const result = await client.send(new BatchImportFindingsCommand({ Findings: list.slice(start, start + ASFF_BATCH_SIZE) }));
          imported += result.SuccessCount ?? 0;
          rejected(region, result.FailedFindings ?? []);
        } catch (error) {
          const code = errorCode(error);
          const hint = code === 'AccessDeniedException' || code === 'AccessDenied' ? ': grant securityhub:BatchImportFindings' : code === 'InvalidAccessException' ? ': Security Hub is not enabled in this region' : '';
          problems.push(`${region}: import stopped after ${start} of ${list.length} findings (${code}${hint})`);
          return;
        }
      }
    }),
  );
  for (const [key, { count, example }] of rejections) problems.push(`${key}: ${plural(count, 'finding')} rejected (${example})`);
  return { imported, problems };
}
