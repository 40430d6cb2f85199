import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { GenerateCredentialReportCommand, GetCredentialReportCommand, IAMClient } from '@aws-sdk/client-iam';
import { collectCredentialReport } from './credential-report.js';
import { parseCredentialReport } from './credential-report-csv.js';
import { awsError, testContext } from '../../../test/support/aws.js';
import { collectInventory } from '../../core/collect.js';

const iam = mockClient(IAMClient);

const CSV = [
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated',
  '<root_account>,arn:aws:iam::123456789012:root,2019-05-20T09:00:00+00:00,not_supported,2026-10-01T10:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A',
  'alice,arn:aws:iam::123456789012:user/alice,2024-01-01T00:00:00+00:00,true,no_information,2024-01-01T00:00:00+00:00,N/A,false,true,2024-01-01T00:00:00+00:00,2026-10-31T07:00:00+00:00,eu-west-1,s3,true,2025-06-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,false,N/A',
  'svc-backup,arn:aws:iam::123456789012:user/system/svc-backup,2023-02-03T04:05:06+00:00,false,N/A,N/A,N/A,false,false,2023-02-03T04:05:06+00:00,2023-03-01T00:00:00+00:00,us-east-1,ec2,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A',
  '',
].join('\n');

const content = (csv: string) => ({ Content: new TextEncoder().encode(csv), ReportFormat: 'text/csv' as const, GeneratedTime: new Date() });

describe('parseCredentialReport', () => {
  const [root, alice, svc] = parseCredentialReport(CSV);

  it('reads the root row with its not_supported markers', () => {
    expect(root).toMatchObject({ user: '<root_account>', passwordEnabled: 'not_supported', passwordLastChanged: 'not_supported', mfaActive: true });
    expect(root?.passwordLastUsed).toBe('2026-10-01T10:00:00.000Z');
  });

  it('keeps both access keys, N/A as null and no_information as a marker', () => {
    expect(alice?.passwordLastUsed).toBe('no_information');
    expect(alice?.passwordNextRotation).toBeNull();
    expect(alice?.accessKeys[0]).toEqual({ active: true, lastRotated: '2024-01-01T00:00:00.000Z', lastUsedDate: '2026-10-31T07:00:00.000Z', lastUsedRegion: 'eu-west-1', lastUsedService: 's3' });
    expect(alice?.accessKeys[1]).toEqual({ active: true, lastRotated: '2025-06-01T00:00:00.000Z', lastUsedDate: null, lastUsedRegion: null, lastUsedService: null });
  });

  it('reads users with paths and no console password', () => {
    expect(svc).toMatchObject({ user: 'svc-backup', arn: 'arn:aws:iam::123456789012:user/system/svc-backup', passwordEnabled: false, passwordLastUsed: null });
  });

  it('rejects a report that is not a credential report', () => {
    expect(() => parseCredentialReport('name,value\nx,1\n')).toThrow(/lacks columns user, arn/);
  });

  it('marks a row with an unreadable date unreadable instead of guessing', () => {
    const rows = parseCredentialReport(CSV.replace('2024-01-01T00:00:00+00:00,true', 'yesterday,true'));
    expect(rows.filter((r) => r.unreadable).map((r) => r.unreadable)).toEqual([expect.stringMatching(/unreadable date "yesterday"/)]);
  });
});

describe('collectCredentialReport', () => {
  beforeEach(() => iam.reset());

  it('polls generation with backoff until COMPLETE, then reads the report once', async () => {
    iam.on(GenerateCredentialReportCommand).resolvesOnce({ State: 'STARTED' }).resolvesOnce({ State: 'INPROGRESS' }).resolves({ State: 'COMPLETE' });
    iam.on(GetCredentialReportCommand).resolves(content(CSV));
    const rows = await collectCredentialReport(testContext(), 'us-east-1');
    expect(rows.map((r) => r.user)).toEqual(['<root_account>', 'alice', 'svc-backup']);
    expect(iam).toHaveReceivedCommandTimes(GenerateCredentialReportCommand, 3);
    expect(iam).toHaveReceivedCommandTimes(GetCredentialReportCommand, 1);
  });

  it('waits when another caller is regenerating the report', async () => {
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
    iam.on(GetCredentialReportCommand).rejectsOnce(awsError('ReportInProgress', 'Report is being generated', 404)).resolves(content(CSV));
    expect(await collectCredentialReport(testContext(), 'us-east-1')).toHaveLength(3);
  });

  it('stores AccessDenied as not collected, with the permission to grant', async () => {
    iam.on(GenerateCredentialReportCommand).rejects(awsError('AccessDenied', 'User: arn:aws:iam::123456789012:user/auditor is not authorized to perform: iam:GenerateCredentialReport', 403));
    const inventory = await collectInventory(testContext(), {
      account: { id: '123456789012', partition: 'aws' },
      homeRegion: 'us-east-1',
      regions: { scanned: ['us-east-1'], skipped: [] },
      needs: new Set(['iam.credentialReport']),
    });
    expect(inventory.iam.credentialReport).toEqual({
      status: 'not-collected',
      kind: 'access-denied',
      operation: 'iam:GenerateCredentialReport',
      errorCode: 'AccessDenied',
      message: 'User: arn:aws:iam::123456789012:user/auditor is not authorized to perform: iam:GenerateCredentialReport',
      permission: 'iam:GenerateCredentialReport',
    });
  });
});

describe('parseCredentialReport, row by row', () => {
  const header = 'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';
  const row = (name: string, arn = `arn:aws:iam::123456789012:user/${name}`) => `${name},${arn},2024-01-01T00:00:00+00:00,true,N/A,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`;

  it('reads a user name with commas (legal in IAM), which IAM writes unquoted', () => {
    const [user] = parseCredentialReport(`${header}\n${row('smith,john,jr')}\n`);
    expect(user).toMatchObject({ user: 'smith,john,jr', arn: 'arn:aws:iam::123456789012:user/smith,john,jr', passwordEnabled: true, mfaActive: false });
    expect(user!.unreadable).toBeUndefined();
  });

  it('keeps a row it cannot read as unreadable, and reads every other row', () => {
    const rows = parseCredentialReport(`${header}\n${row('alice')}\n${row('x,y', 'arn:aws:iam::123456789012:user/other')}\n${row('bob').replace('2024-01-01T00:00:00+00:00', 'yesterday')}\n${row('carol')}\n`);
    expect(rows.map((r) => [r.user, r.unreadable])).toEqual([
      ['alice', undefined],
      ['other', 'line 3 has 23 fields where the header has 22'],
      ['bob', 'line 4: unreadable date "yesterday"'],
      ['carol', undefined],
    ]);
  });
});
