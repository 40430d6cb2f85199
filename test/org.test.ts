import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAws, type FakeAws } from './support/fake-aws.js';
import { fakeOrg, managementKey } from './support/fake-org.js';
import { runCli } from './support/run-cli.js';
import { reportSchema } from '../src/core/report-schema.js';
import type { Finding } from '../src/core/finding.js';
import type { ScanReport } from '../src/core/report.js';

const MANAGEMENT = '100000000001';
const org = fakeOrg({
  management: MANAGEMENT,
  externalId: 'ext-123',
  pageSize: 2,
  members: [
    { id: '200000000002', name: 'prod' },
    { id: '300000000003', name: 'staging\u001b[2J' },
    { id: '400000000004', name: 'new', noRole: true },
    { id: '500000000005', name: 'gone', state: 'SUSPENDED' },
    { id: '600000000006', name: 'closed', state: 'CLOSED' },
  ],
});

let fake: FakeAws;
let history: string;
const env = () => ({ AWS_ACCESS_KEY_ID: managementKey(MANAGEMENT), AWS_SECRET_ACCESS_KEY: 'fake', AWS_REGION: 'us-east-1', AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent', HOME: history });
const orgArgs = () => ['scan', '--org', '--endpoint-url', fake.url, '--external-id', 'ext-123', '--regions', 'us-east-1,eu-west-1', '--history-dir', history, '--fail-on', 'none'];

// Security Hub's BatchImportFindings (REST-JSON), as each caller sent it: caller key → findings.
const imported = new Map<string, { AwsAccountId: string; ProductArn: string }[]>();

beforeAll(async () => {
  fake = await startFakeAws((request) => {
    if (request.service === 'securityhub' && request.path.startsWith('/findings/import')) {
      const key = /Credential=([A-Z0-9]+)\//.exec(String(request.headers.authorization ?? ''))![1]!;
      const { Findings } = JSON.parse(request.body) as { Findings: { AwsAccountId: string; ProductArn: string }[] };
      imported.set(key, [...(imported.get(key) ?? []), ...Findings]);
      return { contentType: 'application/json', body: JSON.stringify({ FailedCount: 0, SuccessCount: Findings.length, FailedFindings: [] }) };
    }
    return org(request);
  });
  history = await mkdtemp(join(tmpdir(), 'bulwark-org-history-'));
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: managementKey(MANAGEMENT), AWS_SECRET_ACCESS_KEY: 'fake', AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' });
});
afterAll(() => fake.close());

describe('scan --org against a fake organisation', { timeout: 90_000 }, () => {
  it('scans every ACTIVE account, each with its own credentials, and names the others', async () => {
    const { code, stdout, stderr } = await runCli([...orgArgs(), '--format', 'json'], env());
    expect(code, stderr).toBe(0);
    const report = reportSchema.parse(JSON.parse(stdout));
    const accounts = report.organization!.accounts;
    expect(accounts.map((a) => [a.id, a.status])).toEqual([
      [MANAGEMENT, 'scanned'],
      ['200000000002', 'scanned'],
      ['300000000003', 'scanned'],
      ['400000000004', 'unreachable'],
    ]);
    expect(report.organization!.skipped.map((s) => s.id)).toEqual(['500000000005', '600000000006']);
    // Every finding names its account, and each account's findings came from its own state.
    for (const a of accounts) expect(report.findings.filter((f) => f.resource.account === a.id).length).toBeGreaterThan(0);
    const users = report.findings.filter((f) => f.resource.type === 'AwsIamUser');
    for (const f of users) expect(f.resource.id).toContain(`:${f.resource.account}:`);
    // The account without a role: one reason, and UNKNOWN only: never a PASS or FAIL.
    const missing = report.findings.filter((f) => f.resource.account === '400000000004');
    const verdicts = new Set(missing.map((f) => f.status));
    expect(verdicts.has('UNKNOWN')).toBe(true);
    for (const verdict of ['PASS', 'FAIL', 'NOT_APPLICABLE'] as const) expect(verdicts.has(verdict)).toBe(false);
    expect(accounts[3]!.reason).toMatch(/cannot assume arn:aws:iam::400000000004:role\/BulwarkAudit \(AccessDenied\)/);
    expect(stderr).toMatch(/Account 400000000004 \(new\) unreachable/);
    expect(stderr).toMatch(/Skipping account 500000000005 \(gone\): suspended/);
    // The management account is read with the caller's own keys, members through the role.
    const assumed = fake.requests.filter((r) => r.action === 'AssumeRole').map((r) => r.params.get('RoleArn'));
    expect(assumed).not.toContain(`arn:aws:iam::${MANAGEMENT}:role/BulwarkAudit`);
    expect(assumed).toContain('arn:aws:iam::200000000002:role/BulwarkAudit');
    expect(fake.requests.filter((r) => r.action === 'AssumeRole').every((r) => r.params.get('ExternalId') === 'ext-123')).toBe(true);
  });

  it('a wrong external id makes members unreachable, not the run failed', async () => {
    const args = orgArgs();
    args[args.indexOf('ext-123')] = 'wrong';
    const { code, stdout } = await runCli([...args, '--format', 'json'], env());
    expect(code).toBe(0);
    const statuses = (JSON.parse(stdout) as { organization: { accounts: { status: string }[] } }).organization.accounts.map((a) => a.status);
    expect(statuses).toEqual(['scanned', 'unreachable', 'unreachable', 'unreachable']);
  });

  it('narrows with --accounts and --exclude-accounts, and shows a per-account table in console, markdown and HTML', async () => {
    const console = await runCli([...orgArgs(), '--accounts', '200000000002,300000000003', '--exclude-accounts', '300000000003'], env());
    expect(console.code, console.stderr).toBe(0);
    expect(console.stdout).toMatch(/Accounts \(1 scanned, 1 left out\)/);
    expect(console.stdout).toMatch(/300000000003 +staging\\x1b\[2J +not scanned: excluded by --exclude-accounts/);
    expect(console.stdout).not.toContain('\u001b[2J');
    const dir = await mkdtemp(join(tmpdir(), 'bulwark-org-out-'));
    const files = await runCli([...orgArgs(), '--format', 'html,markdown,json', '--output-dir', dir], env());
    expect(files.code, files.stderr).toBe(0);
    const html = await readFile(join(dir, 'bulwark.html'), 'utf8');
    expect(html).toContain('<section id="accounts"><h2>Accounts × checklist</h2>');
    expect(html).toContain('id="f-account" data-field="account"');
    expect(html).not.toContain('\u001b');
    const md = await readFile(join(dir, 'bulwark.md'), 'utf8');
    expect(md).toMatch(/\| 400000000004 \| new \| \*\*unreachable\*\*/);
  });

  it('keeps each scan in the history folder; history list, show and diff read it back', async () => {
    const first = await runCli([...orgArgs(), '--format', 'json'], env());
    const second = await runCli([...orgArgs(), '--format', 'json'], env());
    expect(second.code).toBe(0);
    const ids = [first.stderr, second.stderr].map((s) => /Scan (\S+) saved/.exec(s)![1]!);
    const list = await runCli(['history', 'list', '--history-dir', history], env());
    for (const id of ids) expect(list.stdout).toContain(id);
    const show = await runCli(['history', 'show', ids[1]!, '--history-dir', history, '--format', 'json'], env());
    expect(reportSchema.parse(JSON.parse(show.stdout)).findings.length).toBe((JSON.parse(second.stdout) as { findings: unknown[] }).findings.length);
    const diff = await runCli(['diff', ids[0]!, ids[1]!, '--history-dir', history, '--format', 'json'], env());
    expect(diff.code, diff.stderr).toBe(0);
    const result = JSON.parse(diff.stdout) as { accounts: { account: string; diff: { summary: { new: number; unchanged: number } } }[] };
    expect(result.accounts.map((a) => a.account)).toContain('200000000002');
    expect(result.accounts.every((a) => a.diff.summary.new === 0)).toBe(true);
    expect(result.accounts.find((a) => a.account === '200000000002')!.diff.summary.unchanged).toBeGreaterThan(0);
    const trend = await runCli(['history', 'trend', '--history-dir', history, '--last', '3'], env());
    expect(trend.code, trend.stderr).toBe(0);
    // Every scan here begins in the same second of the frozen test clock: the store's sequence
    // still orders them, so the last three are this test's two and the one before (which scanned
    // 200000000002 with the same state), never the earlier wrong-external-id scan (↑).
    expect(trend.stdout).toMatch(/200000000002\n {2}→ \S+ +(\d+) → \1 → \1\n/);
  });
});

describe('scan --org streamed formats', { timeout: 90_000 }, () => {
  it('writes CSV, OCSF and JSON finding by finding from the spool, the same text as rendered from the whole document', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bulwark-org-stream-'));
    const { code, stderr } = await runCli([...orgArgs(), '--format', 'json,csv,ocsf', '--output-dir', dir], env());
    expect(code, stderr).toBe(0);
    const report = JSON.parse(await readFile(join(dir, 'bulwark.json'), 'utf8')) as ScanReport;
    const { renderCsv } = await import('../src/reporters/csv.js');
    const { renderOcsf } = await import('../src/reporters/ocsf.js');
    expect(await readFile(join(dir, 'bulwark.csv'), 'utf8')).toBe(renderCsv(report));
    expect(await readFile(join(dir, 'bulwark.ocsf.json'), 'utf8')).toBe(renderOcsf(report));
    expect(report.findings.length).toBeGreaterThan(100);
  });
});

describe('scan --org with --compliance and --security-hub', { timeout: 90_000 }, () => {
  it('judges the framework over every account, and imports each account into its own Security Hub with its own credentials', async () => {
    imported.clear();
    const { code, stdout, stderr } = await runCli([...orgArgs(), '--format', 'json', '--compliance', 'cis-7.0', '--security-hub'], env());
    expect(code, stderr).toBe(0);
    const report = reportSchema.parse(JSON.parse(stdout));
    // The org view equals the single-account view computed over all the accounts' findings.
    const { FRAMEWORKS } = await import('../src/compliance/frameworks/index.js');
    const { frameworkView } = await import('../src/compliance/view.js');
    const expected = frameworkView(FRAMEWORKS.find((f) => f.id === 'cis-7.0')!, report.findings as unknown as Finding[], new Set(report.checks), report.config);
    expect(report.compliance).toEqual(expected);
    expect(report.compliance!.requirements.some((r) => r.status === 'FAIL')).toBe(true);

    const scanned = report.organization!.accounts.filter((a) => a.status === 'scanned').map((a) => a.id);
    expect([...imported.keys()].sort()).toEqual(scanned.map((id) => (id === MANAGEMENT ? `AKIA${id}FAKE` : `ASIA${id}FAKE`)).sort());
    for (const [key, findings] of imported) {
      const account = /\d{12}/.exec(key)![0];
      expect(findings.every((f) => f.AwsAccountId === account && f.ProductArn.endsWith(`:${account}:product/${account}/default`))).toBe(true);
      expect(findings.length).toBe(report.findings.filter((f) => f.resource.account === account && f.status !== 'NOT_APPLICABLE').length);
    }
    expect(stderr).toMatch(/Security Hub: account 400000000004 not imported \(unreachable/);
    const console = await runCli([...orgArgs(), '--compliance', 'cis-7.0'], env());
    expect(console.code, console.stderr).toBe(0);
    expect(console.stdout).toContain(report.compliance!.title);
  });
});

describe('scan --org --demo', () => {
  it('scans the demo organisation with no credentials and saves nothing unless asked', async () => {
    const { code, stdout, stderr } = await runCli(['scan', '--org', '--demo', '--format', 'json'], { HOME: '/nonexistent' });
    expect(code, stderr).toBe(1);
    const report = reportSchema.parse(JSON.parse(stdout));
    expect(report.source).toBe('demo');
    expect(report.organization!.accounts.map((a) => a.status)).toEqual(['scanned', 'scanned', 'unreachable']);
    expect(stderr).not.toMatch(/saved to/);
  });

  it('lists the 200 worst findings in console, markdown and HTML, counts every one and says where the rest are', async () => {
    const json = await runCli(['scan', '--org', '--demo', '--format', 'json'], { HOME: '/nonexistent' });
    const report = reportSchema.parse(JSON.parse(json.stdout));
    const listable = report.findings.filter((f) => ['FAIL', 'ERROR', 'UNKNOWN', 'MANUAL', 'SUPPRESSED'].includes(f.status)).length;
    expect(listable).toBeGreaterThan(200);
    const note = `Listed: the 200 worst of ${listable} findings that need attention (FAIL first, most severe first); ${listable - 200} more are counted but not listed. The whole list is in`;
    const console = await runCli(['scan', '--org', '--demo', '--no-color'], { HOME: '/nonexistent' });
    expect(console.stdout).toContain(note);
    expect(console.stdout).toContain(`(${report.findings.length} findings from ${report.checks.length} checks)`);
    expect(console.stdout).toMatch(/Accounts \(3 scanned, 1 left out\)/);
    const dir = await mkdtemp(join(tmpdir(), 'bulwark-org-digest-'));
    const files = await runCli(['scan', '--org', '--demo', '--format', 'markdown,html,json', '--output-dir', dir], { HOME: '/nonexistent' });
    expect(files.code, files.stderr).toBe(1);
    expect(await readFile(join(dir, 'bulwark.md'), 'utf8')).toContain(note);
    const html = await readFile(join(dir, 'bulwark.html'), 'utf8');
    expect(html).toContain(note);
    expect(html).toContain(`Findings (${report.findings.length})`);
    expect(html).toContain('id="f-account" data-field="account"');
    expect(reportSchema.parse(JSON.parse(await readFile(join(dir, 'bulwark.json'), 'utf8'))).findings).toHaveLength(report.findings.length);
  });
});
