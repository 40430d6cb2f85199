/**
 * The fixers of the security group and password policy checks through the real CLI (plan file,
 * --apply with drift checks, journal, re-check, --undo) against the shared stateful look-alike.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from './support/run-cli.js';
import { startStatefulAws, type StatefulAws } from './support/stateful/index.js';
import { stubFakeAwsEnv } from './support/aws.js';

const dir = mkdtempSync(join(tmpdir(), 'bulwark-fixers-e2e-'));
const CHECKS = 'ec2-security-group-admin-ports-restricted,ec2-security-group-risky-ports-restricted,ec2-default-security-group-closed,iam-password-policy-strong';
const world = (cidrs: string[]) => ({ protocol: 'tcp', ipv4: cidrs, ipv6: [], groups: [] });

let aws: StatefulAws | undefined;
beforeEach(() => {
  stubFakeAwsEnv(dir);
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await aws?.close();
});

const env = { AWS_REGION: 'us-east-1' };
const live = (...args: string[]) => ['--endpoint-url', aws!.url, '--regions', 'eu-west-1', ...args];
const failing = async () =>
  (JSON.parse((await runCli(['scan', ...live('--checks', CHECKS, '--format', 'json')], env)).stdout) as { findings: { checkId: string; status: string; resource: { name?: string } }[] }).findings
    .filter((f) => f.status === 'FAIL')
    .map((f) => `${f.checkId} ${f.resource.name}`)
    .sort();

describe('bulwark fix with the security group and password policy fixers', () => {
  it('applies several steps to one group without mistaking its own earlier steps for drift, re-checks, and undoes', async () => {
    aws = await startStatefulAws({
      regions: ['eu-west-1'],
      seed: {
        ec2SecurityGroups: {
          groups: {
            'eu-west-1': [
              { id: 'sg-admin', name: 'admin', vpcId: 'vpc-1', inbound: [{ ...world(['0.0.0.0/0', '203.0.113.0/24']), fromPort: 22, toPort: 22 }, { ...world(['0.0.0.0/0']), fromPort: 3389, toPort: 3389 }, { ...world(['0.0.0.0/0']), fromPort: 5432, toPort: 5432 }], outbound: [] },
              { id: 'sg-default', name: 'default', vpcId: 'vpc-1', inbound: [{ ...world(['0.0.0.0/0']), fromPort: 22, toPort: 22 }], outbound: [{ protocol: '-1', ipv4: ['0.0.0.0/0'], ipv6: [], groups: [] }] },
            ],
          },
          interfaces: { 'eu-west-1': { 'sg-admin': 2 } },
        },
        iamAccount: { passwordPolicy: null },
      },
    });
    const before = await failing();
    expect(before).toEqual([
      'ec2-default-security-group-closed sg-default (default)',
      'ec2-security-group-admin-ports-restricted sg-admin (admin)',
      'ec2-security-group-admin-ports-restricted sg-default (default)',
      'ec2-security-group-risky-ports-restricted sg-admin (admin)',
      'iam-password-policy-strong 123456789012',
    ]);

    const journal = join(dir, 'apply.jsonl');
    const applied = await runCli(['fix', ...live('--checks', CHECKS, '--apply', '--yes', '--journal', journal)], env);
    expect(applied.stdout).not.toMatch(/skipped|FAILED/);
    expect(applied.code).toBe(0);
    expect(aws.world.writes.map((w) => `${w.action} ${w.input.GroupId ?? ''}`.trim()).sort()).toEqual([
      'ec2:RevokeSecurityGroupEgress sg-default',
      'ec2:RevokeSecurityGroupIngress sg-admin',
      'ec2:RevokeSecurityGroupIngress sg-admin',
      'ec2:RevokeSecurityGroupIngress sg-admin',
      'ec2:RevokeSecurityGroupIngress sg-default',
      'iam:UpdateAccountPasswordPolicy',
    ]);
    expect(await failing()).toEqual([]);

    const undone = await runCli(['fix', ...live('--undo', journal, '--yes')], env);
    expect(undone.code).toBe(0);
    expect(await failing()).toEqual(before);
  });
});
