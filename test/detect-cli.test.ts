import { mkdtemp, mkdir, readFile, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoRecords } from '../src/demo/demo-cloudtrail.js';
import type { DetectReport } from '../src/detect/report.js';
import { runCli } from './support/run-cli.js';

const trailName = (region: string, stamp: string) => `111122223333_CloudTrail_${region}_${stamp}_abcdef0123456789.json.gz`;

describe('bulwark detect', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulwark-detect-test-'));
    const day = join(dir, 'AWSLogs', '111122223333', 'CloudTrail', 'us-east-1', '2026', '11', '20');
    await mkdir(day, { recursive: true });
    const records = demoRecords();
    await writeFile(join(day, trailName('us-east-1', '20261120T2355Z')), gzipSync(JSON.stringify({ Records: records.slice(0, 150) })));
    await writeFile(join(dir, 'array.json'), JSON.stringify(records.slice(150, 180)));
    await writeFile(join(dir, 'lake-export.jsonl'), `${records.slice(180).map((r) => JSON.stringify(r)).join('\n')}\nnot json\n`);
    await writeFile(join(dir, 'corrupt.json.gz'), Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3, 4]));
    await writeFile(join(dir, 'truncated.json'), JSON.stringify({ Records: records.slice(0, 3) }).slice(0, 500));
    await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'not-cloudtrail' }));
    const digest = join(dir, 'AWSLogs', '111122223333', 'CloudTrail-Digest', 'us-east-1');
    await mkdir(digest, { recursive: true });
    await writeFile(join(digest, 'digest.json.gz'), gzipSync('{"awsAccountId":"111122223333"}'));
  });

  it('--demo finds the takeover on a fresh machine and exits 1 (high alerts)', async () => {
    const { code, stdout } = await runCli(['detect', '--demo', '--workers', '1']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/CRITICAL .*CloudTrail logging stopped/);
    expect(stdout).toMatch(/Console password brute force ×14/);
    expect(stdout).toMatch(/Root user signed in/);
    // Identity Center and MFA sign-ins are not alerts.
    expect(stdout).not.toMatch(/dana@example.com|user\/alice/);
    // The worst actor comes first.
    expect(stdout.indexOf('svc-backup')).toBeLessThan(stdout.indexOf('user/bob'));
  }, 60_000);

  it('reads every shape, names each bad file in one line, counts what it read and skipped, and goes on', async () => {
    const { code, stdout } = await runCli(['detect', dir, '--format', 'json', '--workers', '2', '--fail-on', 'none']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as DetectReport;
    expect(report.summary.events).toBe(demoRecords().length);
    expect(report.summary.filesRead).toBe(3);
    expect(report.summary.filesSkipped).toBe(3);
    expect(report.summary.recordsSkipped).toBe(1);
    const problems = Object.fromEntries(report.inputProblems.map((p) => [p.name.slice(dir.length + 1), p.reason]));
    expect(problems['corrupt.json.gz']).toMatch(/gzip/);
    expect(problems['truncated.json']).toMatch(/truncated/);
    expect(problems['package.json']).toMatch(/not CloudTrail/);
    expect(problems['lake-export.jsonl']).toMatch(/1 entry is not/);
    expect(Object.keys(problems).some((p) => p.includes('Digest'))).toBe(false);
    const titles = report.alerts.map((a) => a.title);
    expect(titles).toContain('Console password brute force');
    const brute = report.alerts.find((a) => a.title === 'Console password brute force')!;
    expect(brute.eventIds).toHaveLength(14);
    expect(brute.actor).toMatchObject({ principal: 'arn:aws:iam::111122223333:user/bob', sourceIp: '203.0.113.66' });
  }, 60_000);

  it('--since/--until skip files by their delivery time and events by theirs', async () => {
    const { stdout } = await runCli(['detect', join(dir, 'AWSLogs'), '--since', '2026-11-21', '--format', 'json', '--workers', '0']);
    const report = JSON.parse(stdout) as DetectReport;
    expect(report.summary.filesOutsideRange).toBe(1);
    expect(report.summary.events).toBe(0);
    const narrowed = JSON.parse((await runCli(['detect', dir, '--since', '2026-11-20T09:00:00Z', '--until', '2026-11-20T09:30:00Z', '--format', 'json', '--workers', '0'])).stdout) as DetectReport;
    expect(narrowed.summary.eventsOutsideRange).toBeGreaterThan(0);
    expect(narrowed.alerts.map((a) => a.title)).not.toContain('Root user signed in to the console');
  }, 60_000);

  it('takes the same AWS credential flags, with the same help, as scan (--session-duration included)', async () => {
    const awsLines = (help: string) => help.split('\n').filter((l) => /^ {2}(-p, )?--(profile|role-arn|external-id|mfa-serial|session-duration|region|endpoint-url) /.test(l));
    const scan = awsLines((await runCli(['scan', '--help'])).stdout);
    expect(scan.length).toBeGreaterThanOrEqual(7);
    expect(awsLines((await runCli(['detect', '--help'])).stdout)).toEqual(scan);
    const bad = await runCli(['detect', '--s3', 's3://b/p', '--session-duration', '60']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--session-duration/);
  }, 60_000);

  it('exits 2 when nothing could be read, and on usage errors', async () => {
    const bad = await mkdtemp(join(tmpdir(), 'bulwark-detect-bad-'));
    await writeFile(join(bad, 'x.json.gz'), 'not gzip at all');
    const nothing = await runCli(['detect', bad, '--workers', '0']);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/nothing could be read/);
    expect(nothing.stdout).toMatch(/x\.json\.gz: not JSON/);
    expect((await runCli(['detect'])).stderr).toMatch(/nothing to read/);
    expect((await runCli(['detect', '--demo', '--since', 'yesterday'])).stderr).toMatch(/--since yesterday/);
    expect((await runCli(['detect', join(bad, 'missing')])).code).toBe(2);
  }, 60_000);

  it('loads --rules folders, and names unsupported or broken rules in the summary without stopping', async () => {
    const rules = await mkdtemp(join(tmpdir(), 'bulwark-rules-'));
    await writeFile(join(rules, 'ok.yml'), 'title: Key created\nid: 11111111-1111-4111-8111-111111111111\nlogsource: {product: aws, service: cloudtrail}\nlevel: critical\ndetection:\n  s: {eventName: CreateAccessKey}\n  condition: s\n');
    await writeFile(join(rules, 'windows.yml'), 'title: Windows\nlogsource: {product: windows}\ndetection:\n  s: {EventID: 1}\n  condition: s\n');
    await writeFile(join(rules, 'broken.yml'), 'title: [unclosed\n');
    const { code, stdout } = await runCli(['detect', '--demo', '--rules', rules, '--no-builtin-rules', '--workers', '0', '--fail-on', 'critical']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/CRITICAL .*Key created/);
    expect(stdout).toMatch(/Rules not loaded \(2\)/);
    expect(stdout).toMatch(/windows\.yml \(Windows\): logsource/);
    expect(stdout).toMatch(/broken\.yml.*YAML/);
  }, 60_000);

  it('writes every format with --output-dir; OCSF findings carry the events as evidences; text is neutralised', async () => {
    const hostile = await mkdtemp(join(tmpdir(), 'bulwark-hostile-'));
    const [login] = demoRecords().filter((r) => r.eventName === 'ConsoleLogin' && (r.userIdentity as { type: string }).type === 'Root');
    await writeFile(join(hostile, 'x.json'), JSON.stringify({ Records: [{ ...login, userAgent: 'evil\u001b[31m<script>alert(1)</script>\u202e', requestParameters: { note: 'aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzzzzzzzzz' } }] }));
    const out = await mkdtemp(join(tmpdir(), 'bulwark-out-'));
    const { code, stdout } = await runCli(['detect', hostile, '--format', 'console,json,ocsf,csv,markdown,html', '--output-dir', out, '--workers', '0']);
    expect(code).toBe(1);
    expect(stdout).not.toContain('\u001b[31m');
    expect((await readdir(out)).sort()).toEqual(['detect.csv', 'detect.html', 'detect.json', 'detect.md', 'detect.ocsf.json', 'detect.txt']);
    const ocsf = JSON.parse(await readFile(join(out, 'detect.ocsf.json'), 'utf8')) as { class_uid: number; severity: string; finding_info: { analytic: { uid: string } }; evidences: { data: Record<string, unknown> }[] }[];
    expect(ocsf.length).toBeGreaterThan(0);
    expect(ocsf[0]).toMatchObject({ class_uid: 2004, type_uid: 200401, severity: 'High', finding_info: { analytic: { type: 'Rule' } }, cloud: { provider: 'AWS', account: { uid: '111122223333' } } });
    expect(ocsf[0]!.evidences[0]!.data.eventName).toBe('ConsoleLogin');
    for (const file of ['detect.json', 'detect.ocsf.json', 'detect.html', 'detect.csv', 'detect.md', 'detect.txt']) {
      const text = await readFile(join(out, file), 'utf8');
      expect(text, file).not.toContain('wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzzzzzzzzz');
      expect(text, file).not.toContain('\u001b');
      if (file.endsWith('.json')) continue; // JSON keeps the data faithfully, escaped
      if (file.endsWith('.html') || file.endsWith('.md')) expect(text, file).not.toContain('<script>alert');
      expect(text, file).not.toContain('\u202e');
    }
  }, 60_000);
});
