import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from './support/run-cli.js';
import { startFakeAws, type FakeAws } from './support/fake-aws.js';
import { simulatedAccount, type SimulatedAccount } from './support/simulated-account.js';
import { demoInventory } from '../src/demo/demo-inventory.js';
import { CHECKS } from '../src/checks/index.js';
import { reportSchema } from '../src/core/report-schema.js';
import { stubFakeAwsEnv } from './support/aws.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bulwark-cli-'));
});

describe('bulwark scan --demo', () => {
  it('reports the demo account, labelled DEMO, and exits 1 on its failures', async () => {
    const { code, stdout, stderr } = await runCli(['scan', '--demo']);
    expect(code).toBe(1);
    expect(stderr).toBe('');
    expect(stdout).toContain('DEMO');
    expect(stdout).toMatch(/The root user has no MFA device/);
    expect(stdout).toMatch(/IAM user bob has a console password and no MFA device/);
    expect(stdout).toMatch(/sg-0c33d44e55f66a773 \(launch-wizard-1\) allows SSH \(22\/tcp\) from 0\.0\.0\.0\/0/);
    expect(stdout).toMatch(/AS-01 +Root account has MFA +FAIL/);
    // Every checklist item has a check now.
    expect(stdout).not.toMatch(/not yet checked/);
    expect(stdout).toMatch(/Missing permissions[^\n]*\n(?: {2}[a-z0-9]+:\w+ \(ap-southeast-2\)\n)+/);
    expect(stdout).toMatch(/\n {2}ec2:DescribeSecurityGroups \(ap-southeast-2\)\n/);
    const { summary } = JSON.parse((await runCli(['scan', '--demo', '--format', 'json'])).stdout) as { summary: Record<string, number> };
    expect(stdout.trimEnd().split('\n').pop()).toBe(
      `Summary: ${summary.FAIL} failed · ${summary.PASS} passed · ${summary.UNKNOWN} unknown · 0 errors · ${summary.MANUAL} manual · ${summary.NOT_APPLICABLE} not applicable (${Object.values(summary).reduce((a, b) => a + b)} findings from ${CHECKS.length} checks)`,
    );
    // eslint-disable-next-line no-control-regex
    expect(stdout).not.toMatch(/\u001b\[/);
  });

  it('puts the summary first: the counts and the worst findings, before the details', async () => {
    const { stdout } = await runCli(['scan', '--demo']);
    const lines = stdout.split('\n');
    const summaryAt = lines.findIndex((l) => l.startsWith('Summary: '));
    expect(summaryAt).toBeGreaterThan(0);
    expect(summaryAt).toBeLessThan(8);
    expect(lines[summaryAt + 1]).toMatch(/^Worst findings/);
    expect(lines.slice(summaryAt + 2, summaryAt + 7).every((l) => /^ {2}✗ CRITICAL|^ {2}✗ HIGH/.test(l))).toBe(true);
    expect(stdout).toMatch(/\n {2}… and \d+ more FAILs\n/);
    expect(stdout.indexOf('Worst findings')).toBeLessThan(stdout.indexOf('CRITICAL\n'));
  });

  it('--output-dir prints only the summary, the full console report only when --format console is named', async () => {
    const out = join(dir, 'summary-only');
    const summaryOnly = await runCli(['scan', '--demo', '--format', 'json', '--output-dir', out]);
    expect(summaryOnly.stdout).toMatch(/^Summary: /m);
    expect(summaryOnly.stdout).toMatch(/^Worst findings/m);
    expect(summaryOnly.stdout).not.toMatch(/^Checklist$/m);
    expect(summaryOnly.stdout.split('\n').length).toBeLessThan(20);
    const full = await runCli(['scan', '--demo', '--format', 'json,console', '--output-dir', out]);
    expect(full.stdout).toMatch(/^Checklist$/m);
  });

  it('-q/--quiet prints the summary alone and nothing on stderr but errors', async () => {
    const file = join(dir, 'quiet.json');
    for (const flag of ['-q', '--quiet']) {
      const quiet = await runCli(['scan', '--demo', flag, '--save-inventory', file]);
      expect(quiet.code).toBe(1);
      expect(quiet.stderr).toBe('');
      expect(quiet.stdout).toMatch(/^Summary: /m);
      expect(quiet.stdout).not.toMatch(/^Checklist$/m);
    }
    const json = await runCli(['scan', '--demo', '-q', '--format', 'json']);
    expect(() => JSON.parse(json.stdout) as unknown).not.toThrow();
  });

  it('lists failures before passes and severities from critical down', async () => {
    const { stdout } = await runCli(['scan', '--demo']);
    expect(stdout.indexOf('CRITICAL')).toBeLessThan(stdout.indexOf('HIGH'));
    expect(stdout.indexOf('✗ FAIL')).toBeLessThan(stdout.indexOf('Checklist'));
  });

  it('colours only when asked to by FORCE_COLOR, and never with NO_COLOR', async () => {
    expect((await runCli(['scan', '--demo'], { FORCE_COLOR: '1' })).stdout).toContain('\u001b[');
    expect((await runCli(['scan', '--demo'], { FORCE_COLOR: '1', NO_COLOR: '1' })).stdout).not.toContain('\u001b[');
  });

  it('exits by --fail-on: 0 when no FAIL reaches it, 1 when one does', async () => {
    expect((await runCli(['scan', '--demo', '--fail-on', 'critical'])).code).toBe(1); // root MFA is critical
    expect((await runCli(['scan', '--demo', '--checks', 'ec2-security-group-admin-ports-restricted', '--fail-on', 'critical'])).code).toBe(0);
    expect((await runCli(['scan', '--demo', '--checks', 'ec2-security-group-admin-ports-restricted', '--fail-on', 'high'])).code).toBe(1);
    expect((await runCli(['scan', '--demo', '--fail-on', 'none'])).code).toBe(0);
  });

  it('writes the stable JSON document with a schemaVersion and deterministic ids', async () => {
    const first = JSON.parse((await runCli(['scan', '--demo', '--format', 'json'])).stdout) as Record<string, unknown> & { findings: { id: string; status: string; resource: { id: string } }[] };
    const second = JSON.parse((await runCli(['scan', '--demo', '--format', 'json'])).stdout) as typeof first;
    expect(first).toMatchObject({ schemaVersion: 1, source: 'demo', account: { id: '111122223333' }, failOn: 'low' });
    const summary = first.summary as Record<string, number>;
    expect(summary.ERROR).toBe(0);
    for (const status of ['FAIL', 'PASS', 'UNKNOWN', 'NOT_APPLICABLE']) expect(summary[status], status).toBeGreaterThan(0);
    expect(Object.values(summary).reduce((a, b) => a + b)).toBe(first.findings.length);
    expect(first.findings.map((f) => f.id)).toEqual(second.findings.map((f) => f.id));
    expect(new Set(first.findings.map((f) => f.id)).size).toBe(first.findings.length);
    expect(first.findings[0]).toMatchObject({ status: 'FAIL', severity: 'critical' });
    expect(first.findings.find((f) => f.resource.id === 'arn:aws:iam::111122223333:root' && f.status === 'FAIL')).toBeDefined();
    expect(first.missingPermissions).toContainEqual({ permission: 'ec2:DescribeSecurityGroups', regions: ['ap-southeast-2'] });
  });

  it('filters by check, exclusion, service, severity and checklist item', async () => {
    const ids = async (...args: string[]) =>
      [...new Set((JSON.parse((await runCli(['scan', '--demo', '--format', 'json', ...args])).stdout) as { findings: { checkId: string }[] }).findings.map((f) => f.checkId))].sort();
    expect(await ids('--checks', 'iam-root-mfa-enabled')).toEqual(['iam-root-mfa-enabled']);
    expect(await ids('--exclude-checks', 'iam-root-mfa-enabled,iam-user-console-mfa-enabled')).not.toContain('iam-root-mfa-enabled');
    expect(await ids('--services', 'iam', '--severity', 'high')).toEqual(CHECKS.filter((c) => c.service === 'iam' && c.severity === 'high').map((c) => c.id).sort());
    expect(await ids('--services', 'iam', '--severity', 'high')).toContain('iam-user-console-mfa-enabled');
    expect(await ids('--checklist', 'AS-30')).toEqual(['ec2-security-group-admin-ports-restricted']);
    expect(await ids('--regions', 'eu-west-1', '--checks', 'ec2-security-group-admin-ports-restricted')).toEqual(['ec2-security-group-admin-ports-restricted']);
  });

  it('writes the report to --output and keeps stdout empty', async () => {
    const output = join(dir, 'report.json');
    const { stdout, stderr } = await runCli(['scan', '--demo', '--format', 'json', '--output', output]);
    expect(stdout).toBe('');
    expect(stderr).toContain(`Report written to ${output}`);
    expect(JSON.parse(await readFile(output, 'utf8'))).toMatchObject({ schemaVersion: 1 });
  });
});

describe('bulwark scan --inventory', () => {
  it('evaluates a saved inventory exactly as the live data it came from', async () => {
    const file = join(dir, 'saved.json');
    await runCli(['scan', '--demo', '--save-inventory', file]);
    const saved = JSON.parse(await readFile(file, 'utf8')) as unknown;
    expect(saved).toEqual(JSON.parse(JSON.stringify(demoInventory())));
    const demo = await runCli(['scan', '--demo', '--format', 'json']);
    const offline = await runCli(['scan', '--inventory', file, '--format', 'json']);
    expect(offline.code).toBe(1);
    const findings = (text: string) => (JSON.parse(text) as { findings: unknown[] }).findings;
    expect(findings(offline.stdout)).toEqual(findings(demo.stdout));
  });

  it('exits 0 on a clean inventory', async () => {
    const inventory = demoInventory();
    const file = join(dir, 'clean.json');
    await writeFile(file, JSON.stringify({ ...inventory, demo: false, ec2: { securityGroups: { 'eu-west-1': { status: 'collected', value: [] } } }, regions: { scanned: ['eu-west-1'], skipped: [] } }));
    const { code, stdout } = await runCli(['scan', '--inventory', file, '--checks', 'ec2-security-group-admin-ports-restricted']);
    expect(code).toBe(0);
    expect(stdout).toContain('saved inventory of 2026-11-01T09:00:00.000Z');
  });

  it.each([
    ['not JSON', '{"schemaVersion": 1,', /^bulwark: inventory .*corrupt\.json is not valid JSON: /],
    ['a wrong field', JSON.stringify({ ...demoInventory(), account: { id: '12345', partition: 'aws' } }), /is invalid at account\.id: must be a 12-digit AWS account id$/],
    ['a newer schema', JSON.stringify({ ...demoInventory(), schemaVersion: 99 }), /has schemaVersion 99, written by a newer Bulwark; this Bulwark reads version 2: read it with that newer Bulwark/],
    [
      'the schema before GuardDuty findings were a fact of their own',
      JSON.stringify({ ...demoInventory(), schemaVersion: 1, guardduty: { regions: { 'eu-west-1': { status: 'collected', value: { detectors: [{ id: 'd1', status: 'ENABLED' }], highSeverityOpen: 2, topTypes: ['Recon:EC2/PortProbeUnprotectedPort'] } } } } }),
      /has schemaVersion 1, written by an older Bulwark; this Bulwark reads version 2: collect it again with this version \(bulwark scan --save-inventory <file>\)$/,
    ],
    ['an unknown field', JSON.stringify({ ...demoInventory(), extra: true }), /is invalid at \(top level\): Unrecognized key: "extra"/],
  ])('rejects an inventory with %s in one line, exit 2', async (_name, content, message) => {
    const file = join(dir, 'corrupt.json');
    await writeFile(file, content);
    const { code, stdout, stderr } = await runCli(['scan', '--inventory', file]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr.trimEnd()).toMatch(message);
  });

  it('names a findings document passed as --inventory, and says what to do with it', async () => {
    const file = join(dir, 'findings.json');
    await writeFile(file, (await runCli(['scan', '--demo', '--format', 'json'])).stdout);
    const { code, stderr } = await runCli(['scan', '--inventory', file]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^bulwark: .*findings\.json is a findings document \(bulwark scan --format json\), not an inventory: compare two with bulwark diff, plan from it with bulwark fix --from, or save an inventory with bulwark scan --save-inventory <file>\n$/);
  });

  it('keeps the DEMO label on a saved demo inventory', async () => {
    const file = join(dir, 'demo-inventory.json');
    expect((await runCli(['scan', '--demo', '--save-inventory', file, '-q'])).code).toBe(1);
    const { stdout } = await runCli(['scan', '--inventory', file]);
    expect(stdout.split('\n')[0]).toMatch(/DEMO {2}sample account 111122223333 \(bundled data, not a real account\)/);
    const json = JSON.parse((await runCli(['scan', '--inventory', file, '--format', 'json'])).stdout) as { source: string };
    expect(json.source).toBe('demo');
    expect((await runCli(['scan', '--inventory', file, '--security-hub'])).stderr).toMatch(/--security-hub imports real findings: .* holds the bundled demo account/);
  });

  it.each([
    [['scan', '--demo', '--regions', 'us-east-1', 'eu-west-1'], 'hint: --regions takes a comma-separated list without spaces: --regions us-east-1,eu-west-1'],
    [['scan', '--demo', '--checks', 'iam-root-mfa-enabled,', 'iam-root-access-keys-absent', '--format', 'json'], 'hint: --checks takes a comma-separated list without spaces: --checks iam-root-mfa-enabled,iam-root-access-keys-absent'],
    [['checks', 'list', '--services=iam', 'ec2'], 'hint: --services takes a comma-separated list without spaces: --services iam,ec2'],
  ])('hints at commas when a list is written with spaces: %s', async (args, hint) => {
    const { code, stderr } = await runCli(args);
    expect(code).toBe(2);
    expect(stderr).toContain(`${hint}\n`);
  });

  it('says a missing field is missing, never "received undefined"', async () => {
    const file = join(dir, 'incomplete-suppressions.yaml');
    await writeFile(file, 'suppressions:\n  - check: iam-root-mfa-enabled\n');
    const { code, stderr } = await runCli(['scan', '--demo', '--suppressions', file]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/:2: suppressions\.0\.reason: is missing \(a string is required\)\n$/);
    const inventory = join(dir, 'no-account.json');
    const { account: _account, ...rest } = demoInventory();
    await writeFile(inventory, JSON.stringify(rest));
    const loaded = await runCli(['scan', '--inventory', inventory]);
    expect(loaded.stderr).toMatch(/is invalid at account: is missing \(an object is required\)/);
    expect(`${stderr}${loaded.stderr}`).not.toMatch(/received undefined/);
  });

  it('names a missing inventory file', async () => {
    const { code, stderr } = await runCli(['scan', '--inventory', join(dir, 'nope.json')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^bulwark: cannot read inventory .*nope\.json: no such file or directory\n$/);
  });
});

describe('usage errors exit 2 with one line', () => {
  it.each([
    [['scan', '--demo', '--checks', 'iam-root-mfa'], /unknown check iam-root-mfa: see bulwark checks list/],
    [['scan', '--demo', '--checklist', 'AS-99'], /unknown checklist item AS-99/],
    [['scan', '--demo', '--severity', 'urgent'], /unknown severity urgent/],
    [['scan', '--demo', '--services', 'glacier'], new RegExp(`unknown service glacier: Bulwark checks ${[...new Set(CHECKS.map((c) => c.service))].sort().join(', ')}$`, 'm')],
    [['scan', '--demo', '--regions', 'mars-north-1'], /the inventory holds no data for mars-north-1/],
    [['scan', '--demo', '--inventory', 'x.json'], /pass only one/],
    [['scan', '--demo', '--fail-on', 'severe'], /Allowed choices are critical, high, medium, low, info, none/],
    [['scan', '--concurrency', '0'], /--concurrency must be a whole number from 1 to 256/],
    [['scan', '--bogus'], /unknown option '--bogus'/],
    [['scan', '--endpoint-url', 'localhost:4566'], /--endpoint-url must be an http\(s\) URL such as http:\/\/localhost:4566/],
    [['scan', '--regions', 'eu-west-1,EU_WEST_2'], /"EU_WEST_2" is not a region name such as eu-west-1/],
  ])('%j', async (args, message) => {
    const { code, stderr } = await runCli(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('prints help and exits 0, with the exit codes documented', async () => {
    const { code, stdout } = await runCli(['scan', '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Exit codes:\n {2}0 {2}the scan completed/);
  });
});

describe('bulwark permissions', () => {
  it('prints the whole scan policy by default, the same as the generated file', async () => {
    const { code, stdout } = await runCli(['permissions']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(JSON.parse(await readFile('docs/permissions/scan-policy.json', 'utf8')));
  });

  it('narrows to the chosen checks, keeping what every scan needs', async () => {
    const { stdout } = await runCli(['permissions', '--checks', 'iam-root-mfa-enabled']);
    expect((JSON.parse(stdout) as { Statement: { Action: string[] }[] }).Statement[0]?.Action).toEqual(['ec2:DescribeRegions', 'iam:GenerateCredentialReport', 'iam:GetAccountSummary', 'iam:GetCredentialReport', 'iam:ListOrganizationsFeatures', 'organizations:DescribeOrganization']);
  });
});

describe('bulwark checks', () => {
  it('lists every check, filtered', async () => {
    const all = await runCli(['checks', 'list']);
    expect(all.code).toBe(0);
    for (const check of CHECKS) expect(all.stdout).toContain(check.id);
    const iam = await runCli(['checks', 'list', '--service', 'iam', '--severity', 'critical', '--format', 'json']);
    const listed = (JSON.parse(iam.stdout) as { id: string; service: string; severity: string }[]);
    expect(listed.map((c) => c.id)).toContain('iam-root-mfa-enabled');
    expect(listed.every((c) => c.service === 'iam' && c.severity === 'critical')).toBe(true);
    const byItem = await runCli(['checks', 'list', '--checklist', 'AS-05']);
    expect(byItem.stdout).toMatch(/iam-user-console-mfa-enabled/);
    expect(byItem.stdout).not.toMatch(/iam-root-mfa-enabled/);
  });

  it('explains a check with its rationale, fix and permissions', async () => {
    const { code, stdout } = await runCli(['checks', 'explain', 'ec2-security-group-admin-ports-restricted']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/AS-30 No unrestricted admin ports/);
    expect(stdout).toMatch(/How to fix\n {2}Remove the world-open rule/);
    expect(stdout).toMatch(/Reads\n {2}ec2:DescribeInstances\n {2}ec2:DescribeSecurityGroups/);
    expect((await runCli(['checks', 'explain', 'nope'])).code).toBe(2);
  });
});

describe('bulwark scan of a live account (local AWS look-alike)', () => {
  let fake: FakeAws | undefined;
  beforeEach(() => {
    stubFakeAwsEnv(dir);
    return async () => {
      vi.unstubAllEnvs();
      await fake?.close();
    };
  });

  async function scanLive(spec: SimulatedAccount, ...args: string[]) {
    fake = await startFakeAws(simulatedAccount(spec));
    return runCli(['scan', '--endpoint-url', fake.url, ...args], { AWS_REGION: 'us-east-1' });
  }

  it('imports into Security Hub only with --security-hub, in batches of 100 per region, after writing the report', async () => {
    const imported: { region: string; count: number }[] = [];
    const account = simulatedAccount({ regions: ['eu-west-1', 'us-east-1'], users: 120, groupsPerRegion: 3, buckets: 3 });
    fake = await startFakeAws((r) => {
      if (r.method === 'POST' && r.path === '/findings/import') {
        const count = (JSON.parse(r.body) as { Findings: unknown[] }).Findings.length;
        imported.push({ region: r.region, count });
        return { body: JSON.stringify({ SuccessCount: count, FailedCount: 0, FailedFindings: [] }), contentType: 'application/json' };
      }
      return account(r);
    });
    const asff = join(dir, 'live.asff.json');
    const plain = await runCli(['scan', '--endpoint-url', fake.url, '--format', 'asff', '--output', asff], { AWS_REGION: 'us-east-1' });
    expect(plain.code).toBe(1);
    expect(imported).toEqual([]);

    const { code, stderr } = await runCli(['scan', '--endpoint-url', fake.url, '--format', 'asff', '--output', asff, '--security-hub'], { AWS_REGION: 'us-east-1' });
    expect(code).toBe(1);
    const findings = JSON.parse(await readFile(asff, 'utf8')) as { Resources: { Region: string }[] }[];
    const perRegion = (region: string) => findings.filter((f) => f.Resources[0]!.Region === region).length;
    expect(imported.every((batch) => batch.count <= 100)).toBe(true);
    for (const region of ['eu-west-1', 'us-east-1']) expect(imported.filter((b) => b.region === region).reduce((n, b) => n + b.count, 0)).toBe(perRegion(region));
    expect(imported.length).toBeGreaterThan(2);
    expect(stderr).toContain(`Security Hub: ${findings.length} of ${findings.length} findings imported`);
  });

  it('reads bucket tags only when a suppression matches by tag, and suppresses a tagged bucket with them', async () => {
    const spec = { regions: ['eu-west-1'], users: 2, groupsPerRegion: 1, buckets: 3 };
    const tagging = () => fake!.requests.filter((r) => r.service === 's3' && r.path.includes('?tagging'));
    await scanLive(spec, '--checks', 's3-bucket-not-public');
    expect(tagging()).toEqual([]);
    await fake!.close();

    const file = join(dir, 'tag-suppressions.yaml');
    await writeFile(file, 'suppressions:\n  - check: s3-*\n    tags: { Environment: sandbox }\n    reason: sandbox buckets are public on purpose\n');
    const { stdout } = await scanLive(spec, '--checks', 's3-bucket-not-public', '--suppressions', file, '--format', 'json');
    expect(tagging()).toHaveLength(3);
    const bucket0 = (JSON.parse(stdout) as { findings: { resource: { name?: string; tags?: Record<string, string> }; status: string; suppression?: { reason: string } }[] }).findings.find((f) => f.resource.name === 'bucket-0')!;
    expect(bucket0).toMatchObject({ status: 'SUPPRESSED', resource: { tags: { Environment: 'sandbox' } }, suppression: { reason: 'sandbox buckets are public on purpose' } });
  });

  it('refuses --security-hub with --demo: nothing of the demo goes into a real account', async () => {
    const { code, stderr } = await runCli(['scan', '--demo', '--security-hub']);
    expect(code).toBe(2);
    expect(stderr).toBe('bulwark: --security-hub imports real findings: it cannot be used with --demo\n');
  });

  it('says whom it scans, reports per region and exits 1 on failures', async () => {
    const { code, stdout, stderr } = await scanLive({ regions: ['eu-west-1', 'us-east-1'], optInDisabled: ['ap-east-1'], users: 6, groupsPerRegion: 3, buckets: 3 });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^Scanning account 123456789012 as arn:aws:iam::123456789012:user\/auditor in 2 regions \(1 skipped: not enabled\)\n$/);
    expect(stdout).toMatch(/Regions: 2 scanned \(eu-west-1, us-east-1\); skipped ap-east-1/);
    expect(stdout).toMatch(/IAM user user-0 has a console password and no MFA device/);
    expect(stdout).toMatch(/sg-euwest100000000 \(group-0\) allows SSH/);
    // Policy documents arrive URL-encoded in GetAccountAuthorizationDetails' XML.
    expect(stdout).toMatch(/IAM user user-0 is a full administrator: AWS managed policy AdministratorAccess allows "\*" on "\*"/);
    // S3 through path-style requests to each bucket's region; the policy arrives as JSON, errors as XML.
    expect(stdout).toMatch(/Bucket bucket-0 \(eu-west-1\) is public: its policy gives everyone \(Principal \*\) read/);
    expect(stdout).not.toMatch(/Bucket bucket-1 .*is public/);
  });

  it('turns denied reads into UNKNOWN findings and lists the missing permissions', async () => {
    const { stdout } = await scanLive(
      { regions: ['eu-west-1', 'us-east-1'], users: 2, groupsPerRegion: 1, deniedRegions: ['us-east-1'], denyCredentialReport: true },
      '--format',
      'json',
      '--checklist',
      'AS-01,AS-05,AS-30',
    );
    const report = JSON.parse(stdout) as { findings: { checkId: string; status: string; resource: { region: string } }[]; missingPermissions: unknown };
    const iam = report.findings.filter((f) => f.checkId.startsWith('iam-'));
    expect(iam.length).toBeGreaterThan(1);
    // Root MFA falls back to GetAccountSummary; every user verdict needs the report.
    expect(iam.filter((f) => f.checkId === 'iam-root-mfa-enabled').map((f) => f.status)).toEqual(['PASS']);
    expect(new Set(iam.filter((f) => f.checkId !== 'iam-root-mfa-enabled').map((f) => f.status))).toEqual(new Set(['UNKNOWN']));
    expect(report.findings.find((f) => f.resource.region === 'us-east-1')?.status).toBe('UNKNOWN');
    expect(report.missingPermissions).toEqual([
      { permission: 'ec2:DescribeSecurityGroups', regions: ['us-east-1'] },
      { permission: 'iam:GenerateCredentialReport', regions: ['global'] },
    ]);
  });

  it('collects only what the selected checks need and saves the inventory', async () => {
    const file = join(dir, 'live.json');
    const { code } = await scanLive({ regions: ['eu-west-1'], users: 2, groupsPerRegion: 2 }, '--services', 'iam', '--save-inventory', file);
    expect(code).toBe(1);
    expect(fake?.requests.map((r) => r.action).filter((a) => a === 'DescribeSecurityGroups')).toEqual([]);
    const saved = JSON.parse(await readFile(file, 'utf8')) as { iam: object; ec2: object };
    expect(Object.keys(saved.iam).sort()).toEqual(['authorization', 'credentialReport', 'passwordPolicy', 'rootCredentialsManagement', 'rootSummary', 'virtualMfaDevices']);
    expect(saved.ec2).toEqual({});
  });

  it('adds API call statistics with --stats', async () => {
    const { stdout } = await scanLive({ regions: ['eu-west-1', 'us-east-1'], users: 2, groupsPerRegion: 1 }, '--stats', '--format', 'json');
    const report = JSON.parse(stdout) as { findings: { status: string; message: string }[]; stats: { totalCalls: number; operations: { operation: string; calls: number }[]; phasesMs: Record<string, number> } };
    const { stats } = report;
    // A live report with statistics is the findings document the generated schema describes.
    expect(() => reportSchema.parse(report)).not.toThrow();
    // Every service's answers parsed: nothing in a fully readable account is UNKNOWN.
    expect(report.findings.filter((f) => f.status === 'UNKNOWN').map((f) => f.message)).toEqual([]);
    expect(stats.operations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ operation: 'sts:GetCallerIdentity', calls: 1 }),
        expect.objectContaining({ operation: 'ec2:DescribeRegions', calls: 1 }),
        expect.objectContaining({ operation: 'ec2:DescribeSecurityGroups', calls: 2 }),
        expect.objectContaining({ operation: 'iam:GenerateCredentialReport', calls: 1 }),
        expect.objectContaining({ operation: 'iam:GetCredentialReport', calls: 1 }),
        expect.objectContaining({ operation: 'iam:GetAccountPasswordPolicy', calls: 1, errors: 1 }), // NoSuchEntity: no policy
        expect.objectContaining({ operation: 'iam:ListVirtualMFADevices', calls: 1 }),
        expect.objectContaining({ operation: 'iam:GetAccountAuthorizationDetails', calls: 1 }),
        expect.objectContaining({ operation: 'ec2:DescribeInstances', calls: 2 }),
        expect.objectContaining({ operation: 'ec2:DescribeKeyPairs', calls: 2 }),
        expect.objectContaining({ operation: 'organizations:DescribeOrganization', calls: 1 }),
        expect.objectContaining({ operation: 's3:ListBuckets', calls: 1 }),
        expect.objectContaining({ operation: 's3control:GetPublicAccessBlock', calls: 1 }),
      ]),
    );
    // Per region: 3 security-group/instance/key listings, 2 snapshot and AMI listings, 2 RDS listings,
    // and 1 each for Lambda, launch templates, CloudFormation and ECS; no per-resource call without resources.
    // Then account-wide: 1 ListTrails, 1 security contact, 1 billing alarm and 1 budget listing; 2 GuardDuty listings.
    // And per region 1 metric-filter and 1 alarm listing.
    // And per region 1 KMS key, 1 Config, 1 Security Hub and 1 Access Analyzer listing.
    // Quotas: 1 account summary, and per region 2 listings and 3 quota reads; 1 Trusted Advisor call.
    // Root: 1 account summary (its MFA and keys without a report row) and 1 ListOrganizationsFeatures.
    expect(stats.totalCalls).toBe(64);
    expect(Object.keys(stats.phasesMs)).toEqual(['identity', 'regions', 'collect', 'evaluate']);
  });

  it('ends with one line and exit 2 when the credentials are rejected', async () => {
    const { code, stdout, stderr } = await scanLive({ regions: ['eu-west-1'], users: 1, groupsPerRegion: 1, expiredCredentials: true });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('bulwark: AWS rejected the credentials (ExpiredToken): they are wrong or expired; refresh them (for SSO: aws sso login) and try again\n');
  });

  it('rejects an unknown region before collecting anything', async () => {
    const { code, stderr } = await scanLive({ regions: ['eu-west-1'], users: 1, groupsPerRegion: 1 }, '--regions', 'eu-west-9');
    expect(code).toBe(2);
    expect(stderr).toMatch(/bulwark: unknown region eu-west-9/);
  });
});

afterAll(() => vi.unstubAllEnvs());

describe('reports, compliance views, suppressions and diffs', () => {
  it.each([
    [['scan', '--demo', '--format', 'json,html'], 'bulwark: several formats (json, html) need --output-dir: each is written to its own file there\n'],
    [['scan', '--demo', '--format', 'pdf'], 'bulwark: unknown format pdf: choose from console, json, html, sarif, ocsf, asff, csv, junit, markdown\n'],
    [['scan', '--demo', '--output', 'x.json', '--output-dir', 'out'], 'bulwark: --output names one file and --output-dir a directory: pass only one\n'],
  ])('rejects %j in one line', async (args, message) => {
    const { code, stderr } = await runCli(args);
    expect(code).toBe(2);
    expect(stderr).toBe(message);
  });

  it('takes formats, output directory, fail-on, suppressions and thresholds from a committed config file', async () => {
    const project = await mkdtemp(join(tmpdir(), 'bulwark-team-'));
    await writeFile(join(project, 'accepted.yaml'), 'suppressions:\n  - check: iam-root-*\n    reason: root is fixed next sprint\n');
    await writeFile(join(project, 'bulwark.config.yaml'), 'formats: [json, markdown]\noutputDir: reports\nfailOn: critical\nsuppressions: accepted.yaml\n');
    const { code, stderr } = await runCli(['scan', '--demo', '--config', join(project, 'bulwark.config.yaml')]);
    const report = JSON.parse(await readFile(join(project, 'reports', 'bulwark.json'), 'utf8')) as { failOn: string; findings: { checkId: string; status: string }[] };
    expect(stderr).toContain(`Report (markdown) written to ${join(project, 'reports', 'bulwark.md')}`);
    expect(report.failOn).toBe('critical');
    expect(report.findings.filter((f) => f.checkId.startsWith('iam-root-') && f.status === 'FAIL')).toEqual([]);
    // Critical failures remain outside the suppressed root checks (public snapshots, buckets).
    expect(code).toBe(1);
    // The command line wins over the file.
    expect((await runCli(['scan', '--demo', '--config', join(project, 'bulwark.config.yaml'), '--fail-on', 'none'])).code).toBe(0);
    const one = await runCli(['scan', '--demo', '--config', join(project, 'bulwark.config.yaml'), '--format', 'csv', '--output', join(project, 'one.csv')]);
    expect(one.stderr).toContain(`Report written to ${join(project, 'one.csv')}`);
    const ambiguous = await runCli(['scan', '--demo', '--config', join(project, 'bulwark.config.yaml'), '--output', join(project, 'one.csv')]);
    expect(ambiguous.stderr).toContain('several formats (json, markdown) need --output-dir: each is written to its own file there; --output takes one: choose it with --format');
  });

  it('shows suppressed findings with their reason, and warns about expired and stale entries', async () => {
    const { code, stdout, stderr } = await runCli(['scan', '--demo', '--suppressions', 'examples/suppressions.yaml']);
    expect(code).toBe(1);
    expect(stdout).toContain('◌ SUPPRESSED Security group sg-0f66a77b88c99d0a6 (temp-debug) allows all traffic from 0.0.0.0/0 (fail; accepted: Sandbox groups are deleted every night by the cleanup job)');
    expect(stdout).toMatch(/Suppressions \(examples\/suppressions\.yaml\)\n {2}◌ examples\/suppressions\.yaml:5: 2 suppressed until 2027-03-31/);
    expect(stdout).toMatch(/· 4 suppressed · /);
    expect(stderr).toBe(
      'warning: suppression examples/suppressions.yaml:14 expired on 2026-06-30; 1 finding no longer suppressed\n' +
        'warning: suppression examples/suppressions.yaml:19 matches nothing that needs suppressing: remove it\n',
    );
    // The KMS key whose exception expired fails again.
    expect(stdout).toMatch(/✗ FAIL +KMS key 1a2b3c4d-0000-4000-8000-000000000001/);
  });

  it('a broken suppressions file stops the scan before any collection, naming the line', async () => {
    const file = join(dir, 'broken-suppressions.yaml');
    await writeFile(file, 'suppressions:\n  - check: s3-*\n');
    const { code, stderr } = await runCli(['scan', '--demo', '--suppressions', file]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^bulwark: suppressions .*broken-suppressions\.yaml:2: suppressions\.0\.reason: /);
  });

  it('shows CIS 7.0 requirements with verdicts under --compliance cis-7.0, unchecked ones as MANUAL', async () => {
    const { stdout } = await runCli(['scan', '--demo', '--compliance', 'cis-7.0']);
    expect(stdout).toMatch(/CIS Amazon Web Services Foundations Benchmark 7\.0\.0 \(70 requirements: /);
    expect(stdout).toMatch(/ {4}2\.5 +FAIL +auto L1 +Ensure MFA is enabled for the 'root' user account \[iam-root-mfa-enabled\]/);
    expect(stdout).toMatch(/ {4}6\.7 +MANUAL +auto L1 +Ensure that the EC2 Metadata Service only allows IMDSv2\n {11}no Bulwark check answers this/);
    expect(stdout).not.toMatch(/^Checklist$/m);
  });

  it('lists and shows frameworks', async () => {
    expect((await runCli(['frameworks', 'list'])).stdout).toMatch(/^cis-7\.0 +CIS Amazon Web Services Foundations Benchmark 7\.0\.0 \(70 requirements, 43 checked\)$/m);
    const show = await runCli(['frameworks', 'show', 'cis-7.0', '--format', 'json']);
    const framework = JSON.parse(show.stdout) as { requirements: { id: string; automated: boolean; checks: { check: string }[] }[] };
    expect(framework.requirements).toHaveLength(70);
    expect(framework.requirements.filter((r) => r.automated)).toHaveLength(34);
    expect(framework.requirements.find((r) => r.id === '5.3')!.checks).toEqual([{ check: 'cloudwatch-unusual-calls-alarmed', resourceSuffix: '/cis-monitoring/root-account-usage' }]);
    expect((await runCli(['frameworks', 'show', 'pci'])).stderr).toBe('bulwark: unknown framework pci: choose from checklist, cis-7.0\n');
  });

  it('diffs two scans by finding id and gates CI on new failures', async () => {
    const before = join(dir, 'before.json');
    const after = join(dir, 'after.json');
    await runCli(['scan', '--demo', '--format', 'json', '--output', before]);
    const document = JSON.parse(await readFile(before, 'utf8')) as { findings: { id: string; checkId: string; status: string; severity: string }[] };
    // Fix one failure and break one passing resource.
    const fixed = document.findings.find((f) => f.checkId === 'iam-root-mfa-enabled')!;
    const broken = document.findings.find((f) => f.status === 'PASS' && f.severity === 'high')!;
    fixed.status = 'PASS';
    broken.status = 'FAIL';
    await writeFile(after, JSON.stringify(document));
    const result = await runCli(['diff', before, after]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/New failures \(1\)\n {2}\+ high/);
    expect(result.stdout).toMatch(/Resolved \(1\)\n {2}- critical +iam-root-mfa-enabled .*\(now pass\)/);
    expect(result.stdout.trimEnd().split('\n').pop()).toMatch(/^Summary: 1 new · 1 resolved · \d+ unchanged failures$/);
    expect((await runCli(['diff', before, after, '--fail-on-new', 'high'])).code).toBe(1);
    expect((await runCli(['diff', before, after, '--fail-on-new', 'critical'])).code).toBe(0);
    const json = JSON.parse((await runCli(['diff', before, after, '--format', 'json'])).stdout) as { summary: { new: number; resolved: number } };
    expect(json.summary).toMatchObject({ new: 1, resolved: 1 });
    await writeFile(join(dir, 'not-a-report.txt'), 'suppressions: []\n');
    // A narrower second scan does not claim fixes for checks it did not run.
    const narrow = join(dir, 'narrow.json');
    await runCli(['scan', '--demo', '--format', 'json', '--output', narrow, '--checks', 'iam-root-mfa-enabled']);
    const partial = await runCli(['diff', before, narrow]);
    expect(partial.stdout).toMatch(/\n\d+ earlier failures are of checks or regions the new scan did not cover: not compared\n/);
    expect(partial.stdout).toMatch(/Summary: 0 new · 0 resolved · 1 unchanged failures/);
    const notReport = await runCli(['diff', before, join(dir, 'not-a-report.txt')]);
    expect(notReport.code).toBe(2);
    expect(notReport.stderr).toMatch(/is not JSON: diff reads the findings documents of bulwark scan --format json\n$/);
  });
});
