/**
 * `--check-account`: the AWS keys found that belong to the account Bulwark can read are matched
 * with its credential report (the existing collector) and the key's own record: whose key it is,
 * whether it is active, when it was last used, and what to do next. Read-only.
 */
import type { AwsContext } from '../aws/context.js';
import { errorCode } from '../aws/errors.js';
import { collectCredentialReport } from '../collectors/iam/credential-report.js';
import type { CredentialReportRow } from '../inventory/schema.js';
import { shortKeyId } from '../fixers/iam.js';
import { keyIdPlaceholder } from './findings.js';
import type { Secret } from './scan.js';
import { awsSdk } from '../aws/sdk-modules.js';

export async function checkAccountKeys(aws: AwsContext, region: string, accountId: string, secrets: readonly Secret[]): Promise<void> {
  const own = secrets.filter((s) => s.keyId && s.finding.accountId === accountId && !s.finding.ignored);
  for (const s of secrets) if (s.keyId && s.finding.accountId && s.finding.accountId !== accountId && !s.finding.ignored) s.finding.account = { detail: `belongs to account ${s.finding.accountId}, not the one checked (${accountId})` };
  if (own.length === 0) return;
  const { IAMClient, GetAccessKeyLastUsedCommand, ListAccessKeysCommand } = awsSdk('iam');
  const iam = aws.client('iam', region, IAMClient);
  let report: CredentialReportRow[] | undefined;
  let reportProblem: string | undefined;
  try {
    report = await collectCredentialReport(aws, region);
  } catch (error) {
    reportProblem = `credential report not readable (${errorCode(error)})`;
  }
  for (const secret of own) {
    const keyId = secret.keyId!;
    try {
      const used = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: keyId }));
      const user = used.UserName ?? '';
      const row = report?.find((r) => r.user === user || (user === 'root' && r.user === '<root_account>'));
      const keys = user && user !== 'root' ? ((await iam.send(new ListAccessKeysCommand({ UserName: user }))).AccessKeyMetadata ?? []) : [];
      const meta = keys.find((k) => k.AccessKeyId === keyId);
      // The report has two key columns and no ids: the slot is the one rotated when the key was created.
      const slot = row?.accessKeys.find((k) => typeof k.lastRotated === 'string' && meta?.CreateDate && Math.abs(Date.parse(k.lastRotated) - meta.CreateDate.getTime()) < 1000);
      const status = meta?.Status ?? (slot ? (slot.active ? 'Active' : 'Inactive') : user === 'root' ? 'Active (root key)' : 'not listed (deleted?)');
      const lastUsed = used.AccessKeyLastUsed?.LastUsedDate?.toISOString().slice(0, 10) ?? (typeof slot?.lastUsedDate === 'string' ? slot.lastUsedDate.slice(0, 10) : undefined);
      const service = used.AccessKeyLastUsed?.ServiceName && used.AccessKeyLastUsed.ServiceName !== 'N/A' ? used.AccessKeyLastUsed.ServiceName : undefined;
      const extra = [row && row.passwordEnabled === true && 'the user also has a console password', row && !row.mfaActive && 'no MFA', reportProblem].filter(Boolean).join('; ');
      secret.finding.account = { user, status, ...(lastUsed ? { lastUsed } : {}), ...(service ? { lastService: service } : {}), ...(extra ? { detail: extra } : {}) };
      const named = keyIdPlaceholder(secret.finding);
      if (status.startsWith('Active')) secret.finding.next = `this key (${shortKeyId(keyId)}) is live in account ${accountId}: contain it with bulwark respond --access-key ${named}, then rotate it`;
      else secret.finding.next = `the key (${shortKeyId(keyId)}) is ${status.toLowerCase()} in account ${accountId}: delete it once nothing needs it (aws iam delete-access-key --user-name ${user} --access-key-id ${named})`;
    } catch (error) {
      const code = errorCode(error);
      secret.finding.account = { detail: code === 'AccessDenied' ? 'cannot read the key (AccessDenied: grant iam:GetAccessKeyLastUsed and iam:ListAccessKeys)' : `cannot read the key (${code})` };
    }
  }
}
