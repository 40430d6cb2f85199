import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCredentialReportCommand, IAMClient } from '@aws-sdk/client-iam';
import { liftReportContent } from './credential-report-content.js';
import { collectCredentialReport } from './credential-report.js';
import { testContext } from '../../../test/support/aws.js';
import { credentialReportResult, generateReportResult, queryError, startFakeAws, type FakeAws } from '../../../test/support/fake-aws.js';

const HEADER = 'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';
const row = (name: string) => `${name},arn:aws:iam::123456789012:user/${name},2024-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`;
const CSV = [HEADER, ...Array.from({ length: 2_000 }, (_, i) => row(`user-${i}`)), ''].join('\n');

describe('the credential report over the wire', () => {
  let fake: FakeAws;
  let reportStatus = 200;
  beforeAll(async () => {
    fake = await startFakeAws((request) => {
      if (request.action === 'GenerateCredentialReport') return generateReportResult('COMPLETE');
      if (request.action === 'GetCredentialReport') return reportStatus === 200 ? credentialReportResult(CSV) : queryError(reportStatus, 'ServiceFailure', 'try later');
      return undefined;
    });
  });
  afterAll(() => fake.close());

  it('takes Content out of the raw response, so the XML parser never holds it', async () => {
    const iam = testContext({ endpointUrl: fake.url }).client('iam', 'us-east-1', IAMClient);
    const command = new GetCredentialReportCommand({});
    const lifted = liftReportContent(command);
    const output = await iam.send(command);
    expect(new TextDecoder().decode(lifted())).toBe(CSV);
    expect(output.Content?.length ?? 0).toBe(0);
    expect(output.ReportFormat).toBe('text/csv');
  });

  it('gives the collector every row', async () => {
    const rows = await collectCredentialReport(testContext({ endpointUrl: fake.url }), 'us-east-1');
    expect(rows).toHaveLength(2_000);
    expect(rows.at(-1)?.user).toBe('user-1999');
  });

  it('leaves error responses to the SDK, which names the error', async () => {
    reportStatus = 400;
    try {
      const command = new GetCredentialReportCommand({});
      const lifted = liftReportContent(command);
      const iam = testContext({ endpointUrl: fake.url }).client('iam', 'us-east-1', IAMClient);
      await expect(iam.send(command)).rejects.toMatchObject({ name: 'ServiceFailureException' });
      expect(lifted()).toBeUndefined();
    } finally {
      reportStatus = 200;
    }
  });
});
