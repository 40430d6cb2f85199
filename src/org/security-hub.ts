/**
 * `scan --org --security-hub`: each account's findings imported into that account's own Security
 * Hub, with its own credentials (the member role), since BatchImportFindings takes a finding only
 * from the account it names. One account at a time, from the spool: memory holds one account.
 */
import type { AwsContext } from '../aws/context.js';
import type { Finding } from '../core/finding.js';
import { importToSecurityHub } from '../export/security-hub.js';
import { inSecurityHub, toAsff } from '../reporters/asff.js';
import { neutralise, plural } from '../lib/text.js';
import type { Io } from '../cli/io.js';
import type { AccountJob } from './account-scan.js';
import type { OrgResults } from './results.js';

export async function importOrgToSecurityHub(results: OrgResults, jobs: readonly AccountJob[], contextFor: (job: AccountJob) => Promise<AwsContext>, homeRegion: string, io: Io): Promise<boolean> {
  const header = results.header();
  const byId = new Map(jobs.map((j) => [j.account.id, j]));
  let ok = true;
  let total = 0;
  for (const account of header.organization?.accounts ?? []) {
    const job = byId.get(account.id);
    if (!job) continue;
    if (account.status !== 'scanned') {
      io.stderr.write(`Security Hub: account ${account.id} not imported (${account.status}: its verdicts are UNKNOWN)\n`);
      continue;
    }
    const findings: Finding[] = [];
    for await (const f of results.accountFindings(account.id)) if (inSecurityHub(f)) findings.push(f);
    // The product ARN and AwsAccountId name the member: its own Security Hub accepts them.
    const report = { ...header, account: { id: account.id, partition: header.account.partition } };
    const aws = await contextFor(job);
    const result = await importToSecurityHub(aws, findings.map((f) => toAsff(f, report, homeRegion))).finally(() => {
      // The caller's own context lives on; a member's is done with.
      if (job.roleArn) aws.destroy();
    });
    // A member imports with its member role, which has the permission only when the StackSet was deployed with it.
    const hint = (problem: string) => (job.roleArn && problem.includes('grant securityhub:BatchImportFindings') ? `${problem} (to the member role: deploy the StackSet with SecurityHubImport=true)` : problem);
    for (const problem of result.problems) io.stderr.write(`bulwark: Security Hub: account ${account.id}: ${neutralise(hint(problem))}\n`);
    if (result.problems.length) ok = false;
    total += result.imported;
  }
  io.stderr.write(`Security Hub: ${plural(total, 'finding')} imported across ${plural(header.organization?.accounts.length ?? 0, 'account')}\n`);
  return ok;
}
