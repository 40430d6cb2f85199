import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { IAMClient, ListOrganizationsFeaturesCommand } from '@aws-sdk/client-iam';
import { CHECKS } from '../checks/index.js';
import { neededData } from '../core/select.js';
import { DEFAULT_CONFIG } from '../config/schema.js';
import { centrallyManagedRoot } from '../testing/builders.js';
import { awsError, testContext } from '../../test/support/aws.js';
import { scanAccount, type AccountScanSettings } from './account-scan.js';
import { readOrganizationFacts, withOrganizationFacts } from './organization-facts.js';

const iam = mockClient(IAMClient);
const ROOT_CHECKS = CHECKS.filter((c) => c.id.startsWith('iam-root-'));
const settings = (organization?: AccountScanSettings['organization']): AccountScanSettings => ({
  checks: ROOT_CHECKS.map((c) => c.id),
  needs: [...neededData(ROOT_CHECKS)],
  partition: 'aws',
  homeRegion: 'us-east-1',
  config: DEFAULT_CONFIG,
  ...(organization ? { organization } : {}),
});
/** A member with no root password or key that may not read ListOrganizationsFeatures. */
const member = centrallyManagedRoot({ feature: 'unreadable' });
const scanMember = (s: AccountScanSettings) => scanAccount({ account: { id: member.account.id, name: 'member' }, roleArn: 'arn:aws:iam::123456789012:role/BulwarkAudit' }, s, () => Promise.resolve({ inventory: member, calls: 1 }));

describe('organisation facts read by the management account', () => {
  beforeEach(() => iam.reset());

  it('give a member that may not read the feature a real verdict instead of UNKNOWN', async () => {
    const without = await scanMember(settings());
    expect(new Set(without.findings.map((f) => f.status))).toEqual(new Set(['UNKNOWN']));
    const managed = await scanMember(settings({ rootCredentialsManagement: true }));
    expect(managed.findings.length).toBe(ROOT_CHECKS.length);
    expect(managed.findings.every((f) => f.status === 'PASS')).toBe(true);
    // Feature off: the member's root has no MFA, so the MFA check fails for real.
    const unmanaged = await scanMember(settings({ rootCredentialsManagement: false }));
    expect(unmanaged.findings.find((f) => f.checkId === 'iam-root-mfa-enabled')?.status).toBe('FAIL');
  });

  it("never replace the member's own reading", () => {
    const own = centrallyManagedRoot({ feature: false });
    expect(withOrganizationFacts(own, { rootCredentialsManagement: true })).toBe(own);
    expect(withOrganizationFacts(member, {})).toBe(member);
  });

  it('are read from ListOrganizationsFeatures, and left out when the caller may not read it either', async () => {
    iam.on(ListOrganizationsFeaturesCommand).resolves({ OrganizationId: 'o-exampleorgid', EnabledFeatures: ['RootCredentialsManagement'] });
    expect(await readOrganizationFacts(testContext(), 'us-east-1', ['iam.rootCredentialsManagement'])).toEqual({ rootCredentialsManagement: true });
    expect(await readOrganizationFacts(testContext(), 'us-east-1', ['iam.passwordPolicy'])).toEqual({});
    iam.on(ListOrganizationsFeaturesCommand).rejects(awsError('AccessDenied', 'denied', 403));
    expect(await readOrganizationFacts(testContext(), 'us-east-1', ['iam.rootCredentialsManagement'])).toEqual({});
  });
});
