import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planSchema } from '../src/plan/schema.js';
import { runCli } from './support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'bulwark-fix-cli-'));

describe('bulwark fix (demo and saved files)', () => {
  it('fix --demo prints the plan: steps with before → after, calls, risk and undo; manual fixes; nothing written', async () => {
    const { code, stdout, stderr } = await runCli(['fix', '--demo', '--no-color']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Bulwark fix plan for account 111122223333 \(the demo account\)/);
    expect(stdout).toContain('Nothing has been changed.');
    expect(stdout).toMatch(/\d+\. Deactivate access key AKIA…XXXX of old-etl \[safe\]\n {5}fixes: {2}iam-user-access-keys-rotated \(old-etl access key 1\); iam-user-access-keys-used \(old-etl access key 1\)/);
    expect(stdout).toMatch(/before: Active, last used 2025-06-01 \(glue, eu-west-1\)\n {5}after: {2}Inactive/);
    expect(stdout).toMatch(/calls: {2}iam:UpdateAccessKey global \{"UserName":"old-etl","AccessKeyId":"AKIADEMOOLDETL1XXXXX","Status":"Inactive"\}/);
    expect(stdout).toMatch(/Turn on all four S3 Block Public Access settings for account 111122223333 \[may disrupt\]\n(.*\n)*? {5}risk: {3}may disrupt: 2 public buckets stop being public/);
    expect(stdout).toMatch(/To fix by hand \(\d+\)\n(.*\n)*.*✗ iam-root-mfa-enabled: /);
    expect(stdout).toMatch(/Summary: 53 steps \(17 safe, 18 may disrupt, 18 cost money\) · 17 need inputs · 3 irreversible · \d+ to fix by hand/);
    expect(stderr).toMatch(/Nothing was changed\. To apply: /);
  });

  it('--format json --output saves a plan that validates, and --plan prints it again', async () => {
    const file = join(dir, 'demo-plan.json');
    expect((await runCli(['fix', '--demo', '--format', 'json', '--output', file])).code).toBe(0);
    const plan = planSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    expect(plan.source).toBe('demo');
    const shown = await runCli(['fix', '--plan', file, '--no-color']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/Deactivate access key/);
    const applied = await runCli(['fix', '--plan', file, '--apply', '--yes']);
    expect(applied).toMatchObject({ code: 2, stderr: 'bulwark: this plan is of the demo account: it cannot be applied\n' });
  });

  it.each([
    [['fix', '--demo', '--apply', '--yes'], /--demo shows the plan for the demo account and never applies/],
    [['fix', '--demo', '--inventory', 'x.json'], /--demo and --inventory both say what to fix/],
    [['fix', '--plan', 'plan.json', '--apply'], /--apply without a terminal needs --yes/],
    [['fix', '--undo', 'j.jsonl'], /--undo without a terminal needs --yes/],
    [['fix', '--demo', '--alarm-email', 'nope'], /--alarm-email must be an e-mail address/],
    [['fix', '--demo', '--allow-cidr', '0.0.0.0/0'], /--allow-cidr must be a CIDR block/],
    [['fix', '--plan', join(dir, 'missing.json')], /cannot read plan|no such file|ENOENT/i],
  ])('%j is refused with one line, exit 2', async (args, message) => {
    const { code, stderr } = await runCli(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a plan that is not a plan, or that calls what no SDK client has', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"kind":"something-else"}');
    expect((await runCli(['fix', '--plan', bad])).stderr).toMatch(/is not a Bulwark fix plan \(schemaVersion 1\): kind/);
    const file = join(dir, 'demo-plan2.json');
    await runCli(['fix', '--demo', '--format', 'json', '--output', file]);
    const plan = JSON.parse(readFileSync(file, 'utf8')) as { steps: { calls: { action: string }[] }[] };
    plan.steps[0]!.calls[0]!.action = 'nosuch:Thing';
    writeFileSync(file, JSON.stringify(plan));
    expect((await runCli(['fix', '--plan', file])).stderr).toMatch(/step .*: no SDK client for nosuch:Thing/);
  });

  it('a journal that does not verify is refused before anything runs', async () => {
    const journal = join(dir, 'tampered.jsonl');
    writeFileSync(journal, '{"type":"start","seq":0,"time":"2026-11-01T00:00:00.000Z","callerArn":"a","account":"123456789012","operation":"apply","planDigest":"d"}\n{"type":"start","seq":0,"time":"2026-11-01T00:00:00.000Z","callerArn":"a","account":"123456789012","operation":"apply","planDigest":"d","prev":"00"}\n');
    const { code, stderr } = await runCli(['fix', '--undo', journal, '--yes']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/does not verify at line 2: the hash of the previous line does not match/);
  });

  it('permissions --fix prints the write policy of the chosen fixers', async () => {
    type Policy = { Statement: { Action: string[] }[] };
    const all = JSON.parse((await runCli(['permissions', '--fix'])).stdout) as Policy;
    expect(all).toEqual(JSON.parse(readFileSync('docs/permissions/fix-policy.json', 'utf8')) as Policy);
    const keys = JSON.parse((await runCli(['permissions', '--fix', '--checks', 'iam-user-access-keys-used'])).stdout) as Policy;
    expect(keys.Statement[0]?.Action).toEqual(['iam:UpdateAccessKey']);
    expect(keys.Statement[1]?.Action).toEqual(['ec2:DescribeRegions', 'iam:GenerateCredentialReport', 'iam:GetCredentialReport', 'iam:ListAccessKeys']);
  });
});
