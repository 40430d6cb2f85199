/**
 * The IAM permission behind an SDK operation. Usually `prefix:Operation`; the exceptions are listed.
 * Collectors declare their permissions with this too, so the generated policy cannot drift from the code.
 */
const EXCEPTIONS: Record<string, string | null> = {
  'sts:GetCallerIdentity': null, // needs no permission
  's3:ListBuckets': 's3:ListAllMyBuckets',
  's3:HeadBucket': 's3:ListBucket',
  's3:ListObjectsV2': 's3:ListBucket',
  's3:GetPublicAccessBlock': 's3:GetBucketPublicAccessBlock',
  's3:GetObjectLockConfiguration': 's3:GetBucketObjectLockConfiguration',
  's3control:GetPublicAccessBlock': 's3:GetAccountPublicAccessBlock',
  'budgets:DescribeBudgets': 'budgets:ViewBudget',
  'accessanalyzer:ListAnalyzers': 'access-analyzer:ListAnalyzers',
  'budgets:DescribeNotificationsForBudget': 'budgets:ViewBudget',
};

/** IAM action prefixes by SDK service, where they differ. */
const PREFIX: Record<string, string> = { s3control: 's3' };

export function permissionFor(service: string, operation: string): string | null {
  const key = `${service}:${operation}`;
  if (key in EXCEPTIONS) return EXCEPTIONS[key] ?? null;
  return `${PREFIX[service] ?? service}:${operation}`;
}
