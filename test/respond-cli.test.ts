import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planSchema } from '../src/plan/schema.js';
import { scopeSchema } from '../src/respond/scope.js';
import type { RespondReport } from '../src/respond/report.js';

type Line = { type: string; item?: string; state?: string; by?: string };
import { runCli } from './support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'bulwark-respond-cli-'));

describe('bulwark respond --demo', { timeout: 60_000 }, () => {
  it('summarises the incident first, exits 1 (suspicious), and shows no plan without --contain', async () => {
    const { code, stdout, stderr } = await runCli(['respond', '--demo']);
    expect(code).toBe(1);
    expect(stderr).toContain('The demo incident');
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('Bulwark respond: account 111122223333 (the demo account), since 2026-11-20T09:00:00Z, read 2026-11-20T12:00:00Z');
    expect(lines[2]).toBe('SUSPICIOUS: 10 things made since the start, 7 alerts on 20 events of the suspect');
    expect(stdout).toMatch(/iam:CreateUser\s+×1/);
    expect(stdout).toContain('svc-backup');
    expect(stdout).toContain('UNKNOWN: could not read (1)');
    expect(stdout).toContain('[FAIL]    Enable MFA on the root user');
    expect(stdout).not.toContain('containment plan');
  });

  it('--contain prints the plan and never applies; --apply with --demo is refused', async () => {
    const { code, stdout } = await runCli(['respond', '--demo', '--contain', '--skip', 'stop-instance']);
    expect(code).toBe(1);
    expect(stdout).toContain('Bulwark containment plan for account 111122223333 (the demo account)');
    expect(stdout).toContain('Deactivate access key AKIA…Y001 of svc-backup');
    expect(stdout).toContain('irreversible: this step cannot be undone by bulwark respond --undo');
    expect(stdout).not.toContain('Stop instance');
    const refused = await runCli(['respond', '--demo', '--contain', '--apply', '--yes']);
    expect(refused).toMatchObject({ code: 2, stderr: 'bulwark: --demo shows the plan for the demo account and never applies: drop --apply\n' });
  });

  it('--format json holds the scope and the plan, each valid against its schema', async () => {
    const { code, stdout } = await runCli(['respond', '--demo', '--contain', '--format', 'json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as RespondReport;
    expect(report.kind).toBe('bulwark-respond-report');
    expect(scopeSchema.safeParse(report.scope).success).toBe(true);
    expect(planSchema.parse(report.plan).kind).toBe('bulwark-respond-plan');
    expect(report.plan?.steps).toHaveLength(28);
    expect(report.recover.map((r) => `${r.id}:${r.state}`)).toContain('root-mfa:FAIL');
  });

  it('--format markdown and html', async () => {
    const md = await runCli(['respond', '--demo', '--format', 'markdown']);
    expect(md.stdout).toMatch(/^# Bulwark respond: account 111122223333 \(demo\)/);
    expect(md.stdout).toContain('| iam-user | svc-backup |');
    const html = await runCli(['respond', '--demo', '--format', 'html']);
    expect(html.stdout).toMatch(/^<!doctype html>/);
    expect(html.stdout).toContain('<table id="timeline">');
  });

  it('--evidence-dir writes events, scope, reports, the journal (with acknowledgements) and SHA256SUMS that sha256sum -c accepts; a changed file fails', async () => {
    const evidence = join(dir, 'evidence');
    const { code, stderr } = await runCli(['respond', '--demo', '--contain', '--evidence-dir', evidence, '--ack', 'contact-support,review-billing']);
    expect(code).toBe(1);
    expect(stderr).toContain(`Evidence written to ${evidence}`);
    const sums = readFileSync(join(evidence, 'SHA256SUMS'), 'utf8');
    expect(sums.split('\n').filter(Boolean).map((l) => l.split('  ')[1])).toEqual(['events.jsonl', 'scope.json', 'respond.json', 'respond.md', 'respond.html', 'journal.jsonl']);
    expect(execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: evidence, encoding: 'utf8' })).toContain('journal.jsonl: OK');
    const events = readFileSync(join(evidence, 'events.jsonl'), 'utf8').trim().split('\n');
    expect(events).toHaveLength(20);
    const journal = readFileSync(join(evidence, 'journal.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Line);
    expect(journal.map((e) => e.type)).toEqual(['start', 'read', 'plan', 'acknowledgement', 'acknowledgement', 'acknowledgement']);
    expect(journal.filter((e) => e.type === 'acknowledgement').map((e) => `${e.item}:${e.state}:${e.by}`)).toEqual(['root-mfa:FAIL:live-state', 'review-billing:DONE:ack-flag', 'contact-support:DONE:ack-flag']);
    expect((await runCli(['respond', 'verify-journal', join(evidence, 'journal.jsonl')])).code).toBe(0);

    writeFileSync(join(evidence, 'scope.json'), readFileSync(join(evidence, 'scope.json'), 'utf8').replace('svc-backup', 'svc-backuq'));
    expect(() => execFileSync('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: evidence, stdio: 'pipe' })).toThrow();
    // A second run never overwrites evidence.
    const again = await runCli(['respond', '--demo', '--evidence-dir', evidence]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already holds evidence');
  });
});

describe('bulwark respond verify-journal', () => {
  async function journal(): Promise<string> {
    const path = join(dir, `j-${Math.random().toString(16).slice(2)}.jsonl`);
    expect((await runCli(['respond', '--demo', '--contain', '--journal', path, '--ack', 'root-password'])).code).toBe(1);
    return path;
  }

  it('accepts an intact journal and names the first bad line when one byte changed, a line went or two swapped', async () => {
    const path = await journal();
    const ok = await runCli(['respond', 'verify-journal', path]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/OK, 5 entries chained by SHA-256 \(1 start, 1 read, 1 plan, 2 acknowledgement\)/);

    const text = readFileSync(path, 'utf8');
    const lines = text.trimEnd().split('\n');
    const changed = join(dir, 'changed.jsonl');
    writeFileSync(changed, text.replace('"events":20', '"events":21'));
    const bad = await runCli(['respond', 'verify-journal', changed]);
    expect(bad).toMatchObject({ code: 1, stdout: `${changed}: BROKEN at line 3: the hash of the previous line does not match: a line was edited, removed or reordered\n` });

    const removed = join(dir, 'removed.jsonl');
    writeFileSync(removed, `${[...lines.slice(0, 2), ...lines.slice(3)].join('\n')}\n`);
    expect((await runCli(['respond', 'verify-journal', removed])).stdout).toContain('BROKEN at line 3');
    const swapped = join(dir, 'swapped.jsonl');
    writeFileSync(swapped, `${[lines[0], lines[2], lines[1], ...lines.slice(3)].join('\n')}\n`);
    expect((await runCli(['respond', 'verify-journal', swapped])).stdout).toContain('BROKEN at line 2');
  });

  it('a file that is not a journal, or not there', async () => {
    const notJournal = join(dir, 'not.jsonl');
    writeFileSync(notJournal, '{"hello":"world"}\n');
    expect((await runCli(['respond', 'verify-journal', notJournal])).stdout).toContain('BROKEN at line 1: not a journal entry');
    expect(await runCli(['respond', 'verify-journal', join(dir, 'missing.jsonl')])).toMatchObject({ code: 2, stderr: `bulwark: cannot read the journal ${join(dir, 'missing.jsonl')}: no such file\n` });
    const refused = await runCli(['respond', '--demo', '--journal', notJournal]);
    expect([refused.code, refused.stderr]).toEqual([2, expect.stringContaining('does not verify') as string]);
  });
});

describe('bulwark respond: bad input, one line each', () => {
  it.each([
    [['respond', '--since', 'yesterday-ish'], "bulwark: --since yesterday-ish: expected a date or time (2026-11-20, 2026-11-20T08:00:00Z) or an age such as 30m, 24h, 7d\n"],
    [['respond'], 'bulwark: --since is required: an ISO time (2026-11-20T09:00:00Z) or a duration such as 72h, from before the intruder got in\n'],
    [['respond', '--since', '72h', '--access-key', 'nope'], 'bulwark: --access-key nope: not an access key id (AKIA or ASIA and 16 letters or digits)\n'],
    [['respond', '--since', '72h', '--principal', 'bob'], 'bulwark: --principal bob: not a user, role, assumed-role or root ARN such as arn:aws:iam::123456789012:user/bob\n'],
    [['respond', '--demo', '--apply'], 'bulwark: --apply applies the containment plan: add --contain\n'],
    [['respond', '--demo', '--ack', 'pray'], 'bulwark: --ack pray: not a recover item; choose from root-password, root-mfa, rotate-keys, review-billing, contact-support, org-accounts\n'],
    [['respond', '--demo', '--contain', '--only', 'delete-everything'], expect.stringContaining('bulwark: --only/--skip delete-everything: no step of the plan has that key') as string],
  ])('%j', async (args, stderr) => {
    expect(await runCli(args)).toMatchObject({ code: 2, stderr });
  });

  it('--from a file that is not a detect report', async () => {
    const bad = join(dir, 'alerts.json');
    writeFileSync(bad, '{"findings": []}');
    expect(await runCli(['respond', '--from', bad, '--since', '72h'])).toMatchObject({ code: 2, stderr: `bulwark: --from ${bad}: no "alerts" list; give a report of bulwark detect --format json\n` });
    expect((await runCli(['respond', '--from', join(dir, 'none.json')])).stderr).toMatch(/^bulwark: .*none\.json/);
  });
});
