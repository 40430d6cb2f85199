import type { AwsContext } from '../../aws/context.js';
import type { CredentialReportRow } from '../../inventory/schema.js';
import { globalCollector } from '../collector.js';
import { parseCredentialReport } from './credential-report-csv.js';
import { awsSdk } from '../../aws/sdk-modules.js';
import { liftReportContent } from './credential-report-content.js';

const MAX_WAIT_MS = 120_000;

/**
 * Every user's password, MFA and key state in one bulk report: the cost does not grow with
 * the number of users. Generation is polled with backoff, never in a busy loop.
 */
export const credentialReport = globalCollector({
  key: 'iam.credentialReport',
  service: 'iam',
  operations: ['GenerateCredentialReport', 'GetCredentialReport'],
  collect: collectCredentialReport,
});

export async function collectCredentialReport(aws: AwsContext, region: string): Promise<CredentialReportRow[]> {
  const { IAMClient, GenerateCredentialReportCommand, GetCredentialReportCommand } = awsSdk('iam');
  const iam = aws.client('iam', region, IAMClient);
  const deadline = Date.now() + MAX_WAIT_MS;
  let delay = 250;
  const wait = async () => {
    if (Date.now() > deadline) throw Object.assign(new Error('IAM did not finish the credential report within 2 minutes'), { name: 'CredentialReportTimeout' });
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 4_000);
  };
  for (;;) {
    const { State } = await iam.send(new GenerateCredentialReportCommand({}));
    if (State === 'COMPLETE') break;
    await wait();
  }
  for (;;) {
    try {
      const command = new GetCredentialReportCommand({});
      const lifted = liftReportContent(command);
      const report = await iam.send(command);
      return parseCredentialReport(new TextDecoder().decode(lifted() ?? report.Content ?? new Uint8Array()));
    } catch (error) {
      // Another caller may have started a new report between our two calls.
      if ((error as Error).name !== 'ReportInProgress' && (error as Error).name !== 'CredentialReportNotReadyException') throw error;
      await wait();
    }
  }
}
