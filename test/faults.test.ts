/** Faults during a live scan (against the local AWS look-alike): the scan ends with a report and an exit code CI can trust. */
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from './support/run-cli.js';
import { main } from '../src/cli/main.js';
import { demoInventory } from '../src/demo/demo-inventory.js';
import { credentialReportCsv, credentialReportResult, startFakeAws, type FakeAws, type FakeHandler } from './support/fake-aws.js';
import { simulatedAccount, type SimulatedAccount } from './support/simulated-account.js';
import { stubFakeAwsEnv } from './support/aws.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bulwark-faults-'));
});

let fake: FakeAws | undefined;
beforeEach(() => {
  stubFakeAwsEnv(dir);
  return async () => {
    vi.unstubAllEnvs();
    await fake?.close();
    fake = undefined;
  };
});

const SMALL: SimulatedAccount = { regions: ['eu-west-1'], users: 2, groupsPerRegion: 1 };

async function scanLive(handler: FakeHandler, ...args: string[]) {
  fake = await startFakeAws(handler);
  return runCli(['scan', '--endpoint-url', fake.url, ...args], { AWS_REGION: 'us-east-1' });
}

describe('an unexpected failure during a scan', () => {
  it('ends with exit 2 and one line, after the report of what was gathered', async () => {
    // Stand in for a bug: a rejection nothing awaits, while collectors are running.
    // The test runner's own listener would fail the test on it, so it steps aside meanwhile.
    const runners = process.listeners('unhandledRejection');
    process.removeAllListeners('unhandledRejection');
    const account = simulatedAccount(SMALL);
    let thrown = false;
    try {
      const { code, stdout, stderr } = await scanLive((request) => {
        if (request.action === 'DescribeSecurityGroups' && !thrown) {
          thrown = true;
          void Promise.reject(new TypeError('stray failure'));
        }
        return account(request);
      }, '--checks', 'ec2-security-group-admin-ports-restricted');
      expect(code).toBe(2);
      expect(stderr.split('\n').filter((l) => l.startsWith('bulwark: unexpected error'))).toEqual([
        expect.stringMatching(/^bulwark: unexpected error \(a bug in Bulwark, please report it\): TypeError: stray failure \(at .*faults\.test\.ts:\d+:\d+\); the report below holds what was gathered, exit code 2$/),
      ]);
      expect(stdout).toMatch(/sg-euwest100000000 \(group-0\) allows SSH/);
    } finally {
      for (const listener of runners) process.on('unhandledRejection', listener);
    }
  });
});

describe('an exception after collection', () => {
  it('keeps the collected inventory and says how to evaluate it again, in one line before the error', async () => {
    fake = await startFakeAws(simulatedAccount(SMALL));
    let stderr = '';
    const code = await main(['scan', '--endpoint-url', fake.url, '--checks', 'ec2-security-group-admin-ports-restricted'], {
      stdout: { write: () => true },
      stderr: { write: (text: string) => (stderr += text) },
      env: { AWS_REGION: 'us-east-1' },
      stdinIsTTY: false,
      // Stands in for any bug between collection and the report.
      now: () => {
        throw new RangeError('clock broke');
      },
    });
    expect(code).toBe(2);
    const saved = /The collected inventory is saved in (\S+): evaluate it again with --inventory \1\n/.exec(stderr)?.[1];
    expect(saved).toBeDefined();
    expect(stderr).toMatch(/\nbulwark: unexpected error \(a bug in Bulwark, please report it\): RangeError: clock broke \(at .*\)\n$/);
    const again = await runCli(['scan', '--inventory', saved!, '--checks', 'ec2-security-group-admin-ports-restricted']);
    expect(again.stdout).toMatch(/sg-euwest100000000 \(group-0\) allows SSH/);
  });
});

describe('--regions naming a region twice', () => {
  it('scans it once: every finding id stays unique', async () => {
    const { stdout } = await scanLive(simulatedAccount({ regions: ['eu-west-1', 'us-east-1'], users: 2, groupsPerRegion: 2 }), '--regions', 'eu-west-1,eu-west-1', '--regions', 'eu-west-1', '--format', 'json', '--services', 'ec2');
    const report = JSON.parse(stdout) as { regions: { scanned: string[] }; findings: { id: string }[] };
    expect(report.regions.scanned).toEqual(['eu-west-1']);
    const ids = report.findings.map((f) => f.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('a scan that could read nothing', () => {
  const denied = { regions: ['eu-west-1', 'us-east-1'], users: 2, groupsPerRegion: 1, deniedRegions: ['us-east-1'] };

  it('exits 2 with a line saying nothing could be evaluated and what to grant', async () => {
    const { code, stdout, stderr } = await scanLive(simulatedAccount(denied), '--regions', 'us-east-1', '--checks', 'ec2-security-group-admin-ports-restricted');
    expect(code).toBe(2);
    expect(stderr).toMatch(/\nbulwark: nothing could be evaluated: the one finding is UNKNOWN or ERROR: grant ec2:DescribeSecurityGroups, or attach the policy bulwark permissions prints\n$/);
    expect(stdout).toContain('Missing permissions');
  });

  it('fails on any UNKNOWN with --fail-on-unknown', async () => {
    const args = ['--checks', 'ec2-security-group-admin-ports-restricted', '--fail-on', 'critical'];
    expect((await scanLive(simulatedAccount(denied), ...args)).code).toBe(0);
    await fake?.close();
    expect((await scanLive(simulatedAccount(denied), ...args, '--fail-on-unknown')).code).toBe(1);
  });

  it('refuses an empty --regions as a usage error', async () => {
    const { code, stderr } = await runCli(['scan', '--demo', '--regions', '']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: option '--regions <list>' argument '' is invalid\. name at least one region, such as eu-west-1/);
  });
});

describe('output paths', () => {
  it('are checked before anything is collected', async () => {
    const { code, stderr } = await scanLive(simulatedAccount(SMALL), '--format', 'json', '--output', '/nonexistent/dir/x.json');
    expect(code).toBe(2);
    expect(stderr).toBe('bulwark: --output /nonexistent/dir/x.json: cannot write there (no such file or directory: /nonexistent/dir): choose a file in a directory you can write to\n');
    expect(fake!.requests).toEqual([]);
    await fake!.close();
    const saved = await scanLive(simulatedAccount(SMALL), '--save-inventory', dir);
    expect(saved.stderr).toMatch(/^bulwark: --save-inventory \S+: cannot write there \(it is a directory\)/);
    expect(fake!.requests).toEqual([]);
  });

  it('never block one another: a file that cannot be written is one line, the rest are written, exit 2', async () => {
    const out = join(dir, 'reports');
    await mkdir(join(out, 'bulwark.json'), { recursive: true }); // a directory where the JSON report goes
    const { code, stdout, stderr } = await runCli(['scan', '--demo', '--format', 'json,sarif', '--output-dir', out]);
    expect(code).toBe(2);
    expect(stderr).toContain(`bulwark: cannot write ${join(out, 'bulwark.json')}: it is a directory\n`);
    expect(stderr).toContain(`Report (sarif) written to ${join(out, 'bulwark.sarif')}`);
    expect(JSON.parse(await readFile(join(out, 'bulwark.sarif'), 'utf8'))).toMatchObject({ version: '2.1.0' });
    expect(stdout).toContain('Summary:');
  });
});

describe('one bad credential-report row', () => {
  it('makes only that user UNKNOWN: every other credential verdict stands', async () => {
    const account = simulatedAccount({ regions: ['eu-west-1'], users: 6, groupsPerRegion: 1 });
    const users = Array.from({ length: 6 }, (_, i) => ({ name: `user-${i}`, mfa: false, password: true }));
    // Row 3's name has a comma in one column only: no way to tell where the name ends.
    const csv = credentialReportCsv('123456789012', users, true).replace('\nuser-3,', '\nuser-3,extra,');
    const { code, stdout } = await scanLive((request) => (request.action === 'GetCredentialReport' ? credentialReportResult(csv) : account(request)), '--checks', 'iam-user-console-mfa-enabled', '--format', 'json');
    expect(code).toBe(1);
    const findings = (JSON.parse(stdout) as { findings: { status: string; resource: { id: string; name: string }; message: string }[] }).findings;
    expect(findings.filter((f) => f.status === 'FAIL').map((f) => f.resource.name).sort()).toEqual(['user-0', 'user-1', 'user-2', 'user-4', 'user-5']);
    const unknown = findings.filter((f) => f.status === 'UNKNOWN');
    expect(unknown.map((f) => [f.resource.id, f.resource.name])).toEqual([['arn:aws:iam::123456789012:user/user-3', 'user-3']]);
    expect(unknown[0]!.message).toBe('user-3: could not read iam:GetCredentialReport: UnreadableRow (its credential report row could not be parsed (line 6 has 23 fields where the header has 22))');
  });
});

describe('S3 bucket findings', () => {
  it('carry the bucket\'s region, the one their message names', async () => {
    const { stdout } = await runCli(['scan', '--demo', '--services', 's3', '--format', 'json']);
    const findings = (JSON.parse(stdout) as { findings: { checkId: string; message: string; resource: { type: string; region: string; name?: string } }[] }).findings.filter((f) => f.resource.type === 'AwsS3Bucket');
    expect(findings.length).toBeGreaterThan(1);
    const regions = new Map(demoInventory().s3.buckets!.status === 'collected' ? (demoInventory().s3.buckets as { value: { name: string; region: string }[] }).value.map((b) => [b.name, b.region]) : []);
    for (const f of findings) expect(f.resource.region, f.message).toBe(regions.get(f.resource.name!));
    expect(new Set(findings.map((f) => f.resource.region)).has('global')).toBe(false);
  });
});

describe('a --profile that does not exist', () => {
  it('is named as missing from the shared files, with the profiles that are there', async () => {
    const config = join(dir, 'aws-config');
    const credentials = join(dir, 'aws-credentials');
    await writeFile(config, '[default]\nregion = eu-west-1\n[profile staging]\nregion = eu-west-1\n[sso-session corp]\nsso_region = eu-west-1\n');
    await writeFile(credentials, '[ci]\naws_access_key_id = AKIDFAKE\naws_secret_access_key = fake\n');
    const { code, stderr } = await runCli(['scan', '--profile', 'prod'], { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials });
    expect(code).toBe(2);
    expect(stderr).toBe(`bulwark: --profile prod: no such profile in ${config} or ${credentials}; profiles there: ci, default, staging\n`);
  });
});

describe('--region without --regions', () => {
  it('warns that it does not narrow the scan, and says how to', async () => {
    const { stderr } = await scanLive(simulatedAccount(SMALL), '--region', 'eu-west-1', '--checks', 'ec2-security-group-admin-ports-restricted');
    expect(stderr.split('\n')[0]).toBe('warning: --region eu-west-1 picks the region for STS and global services only; every enabled region is still scanned. To scan only eu-west-1, pass --regions eu-west-1');
    await fake!.close();
    expect((await scanLive(simulatedAccount(SMALL), '--region', 'eu-west-1', '--regions', 'eu-west-1', '--checks', 'ec2-security-group-admin-ports-restricted')).stderr).not.toContain('warning: --region');
  });
});

describe('flags as users type them', () => {
  it('take values in any case, short flags, --services on checks list, and suggest a check id', async () => {
    const upper = await runCli(['scan', '--demo', '--severity', 'CRITICAL', '--services', 'IAM', '-f', 'json']);
    const findings = (JSON.parse(upper.stdout) as { findings: { severity: string; service: string }[] }).findings;
    expect(findings.length).toBeGreaterThan(0);
    expect(new Set(findings.map((f) => `${f.service} ${f.severity}`))).toEqual(new Set(['iam critical']));
    const file = join(dir, 'short.json');
    expect((await runCli(['scan', '--demo', '-f', 'json', '-o', file, '--checklist', 'as-01'])).stderr).toBe(`Report written to ${file}\n`);
    expect((await runCli(['checks', 'list', '--services', 'S3', '--format', 'json'])).stdout).toContain('s3-bucket-not-public');
    const typo = await runCli(['scan', '--demo', '--checks', 's3-bucket-not-pubilc']);
    expect(typo.stderr).toBe('bulwark: unknown check s3-bucket-not-pubilc: did you mean s3-bucket-not-public? see bulwark checks list\n');
  });
});
