/**
 * fix → scan → undo → scan through the real CLI, the real SDK and the stateful AWS look-alike:
 * the writes change the account, the re-check sees it, and undo puts it back.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/main.js';
import { verifyJournal } from '../src/plan/journal.js';
import { findingsOf, planSchema } from '../src/plan/schema.js';
import { runCli } from './support/run-cli.js';
import { startStatefulAws, type StatefulAws } from './support/stateful/index.js';
import { iamState, type IamSeed } from './support/stateful/services/iam.js';
import { s3ControlState } from './support/stateful/services/s3control.js';
import { stubFakeAwsEnv } from './support/aws.js';

const dir = mkdtempSync(join(tmpdir(), 'bulwark-fix-e2e-'));
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
const CHECKS = 'iam-user-access-keys-used,iam-user-access-keys-rotated,iam-user-single-active-key,s3-account-public-access-blocked';

const seed: IamSeed = {
  users: [
    // Stale: unused for 200 days and 700 days old: AS-07 and AS-08 both plan the one deactivation.
    { name: 'old-etl', created: daysAgo(800), keys: [{ id: 'AKIAOLDETL0000000001', status: 'Active', created: daysAgo(700), lastUsed: { date: daysAgo(200), region: 'eu-west-1', service: 'glue' } }] },
    // Healthy: one recent key used today.
    { name: 'ci', created: daysAgo(100), keys: [{ id: 'AKIACIKEY00000000001', status: 'Active', created: daysAgo(20), lastUsed: { date: daysAgo(0), region: 'eu-west-1', service: 's3' } }] },
  ],
};

let aws: StatefulAws | undefined;
beforeEach(() => {
  stubFakeAwsEnv(dir);
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await aws?.close();
});

async function start(options: { deny?: string[] } = {}) {
  aws = await startStatefulAws({ regions: ['eu-west-1'], seed: { iam: seed, s3control: { publicAccessBlock: null } }, ...options });
  return aws;
}
const env = { AWS_REGION: 'us-east-1' };
const live = (...args: string[]) => ['--endpoint-url', aws!.url, '--regions', 'eu-west-1', ...args];
const scan = async () => JSON.parse((await runCli(['scan', ...live('--checks', CHECKS, '--format', 'json')], env)).stdout) as { findings: { checkId: string; status: string; resource: { name?: string } }[] };
const failing = async () => (await scan()).findings.filter((f) => f.status === 'FAIL').map((f) => `${f.checkId} ${f.resource.name}`).sort();

describe('bulwark fix end to end (stateful AWS look-alike)', () => {
  it('plans, applies, re-checks, undoes, and a second fix plans nothing', async () => {
    const fake = await start();
    expect(await failing()).toEqual(['iam-user-access-keys-rotated old-etl access key 1', 'iam-user-access-keys-used old-etl access key 1', 's3-account-public-access-blocked 123456789012']);

    const planFile = join(dir, 'plan.json');
    const planned = await runCli(['fix', ...live('--checks', CHECKS, '--format', 'json', '--output', planFile)], env);
    expect(planned.code).toBe(0);
    expect(fake.world.writes).toEqual([]); // planning writes nothing
    const plan = planSchema.parse(JSON.parse(readFileSync(planFile, 'utf8')));
    expect(plan.steps.map((s) => [s.key, s.risk, findingsOf(s).map((f) => f.checkId).sort()])).toEqual([
      ['iam:deactivate-access-key:AKIAOLDETL0000000001', 'safe', ['iam-user-access-keys-rotated', 'iam-user-access-keys-used']],
      ['s3:block-account-public-access:123456789012', 'safe', ['s3-account-public-access-blocked']],
    ]);

    const journal = join(dir, 'apply.jsonl');
    const applied = await runCli(['fix', ...live('--plan', planFile, '--apply', '--yes', '--journal', journal)], env);
    expect(applied.stderr).not.toMatch(/error/i);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/✓ applied {2}Deactivate access key AKIA…0001 of old-etl/);
    expect(applied.stdout).toMatch(/Re-checked after apply\n(.*\n)*.*✓ PASS {2}s3-account-public-access-blocked/);
    expect(applied.stdout.match(/✓ PASS/g)).toHaveLength(3);
    expect(iamState(fake.world).users.get('old-etl')?.keys[0]?.status).toBe('Inactive');
    expect(s3ControlState(fake.world).publicAccessBlock).toEqual({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true });

    // IAM still serves the old credential report, yet ListAccessKeys shows the key is off: the scan agrees.
    const lines = readFileSync(journal, 'utf8').trim().split('\n');
    expect(verifyJournal(lines).ok).toBe(true);
    const entries = lines.map((l) => JSON.parse(l) as { type: string; outcome?: string; callerArn: string; stateBefore?: object; calls?: unknown[]; step?: { key: string } });
    // The approval (--yes) and each call are journaled before anything is sent, then each result.
    expect(entries.slice(0, 2).map((e) => e.type)).toEqual(['start', 'approval']);
    expect(entries.slice(2).map((e) => e.outcome ?? e.type).sort()).toEqual(['applied', 'applied', 'call', 'call']);
    const keyEntry = entries.find((e) => e.type === 'step' && e.step?.key.startsWith('iam:'));
    expect(keyEntry).toMatchObject({ callerArn: 'arn:aws:iam::123456789012:user/fixer', calls: [{ action: 'iam:UpdateAccessKey', ok: true, input: { Status: 'Inactive' } }] });
    expect(Object.keys(keyEntry?.stateBefore ?? {})).toHaveLength(2); // the key as read before, for each of the two findings

    // Idempotent: a second fix of the fixed account has nothing to plan.
    const again = await runCli(['fix', ...live('--checks', CHECKS, '--format', 'json')], env);
    expect(planSchema.parse(JSON.parse(again.stdout)).steps).toEqual([]);

    const undone = await runCli(['fix', ...live('--undo', journal, '--yes')], env);
    expect(undone.code).toBe(0);
    expect(undone.stdout).toMatch(/Undoing 2 steps/);
    expect(iamState(fake.world).users.get('old-etl')?.keys[0]?.status).toBe('Active');
    expect(s3ControlState(fake.world).publicAccessBlock).toBeNull(); // there was no configuration: deleted again
    expect(fake.world.writes.map((w) => `${w.action} ${w.input.Status ?? ''}`.trim()).sort()).toEqual([
      'iam:UpdateAccessKey Active',
      'iam:UpdateAccessKey Inactive',
      's3:DeleteAccountPublicAccessBlock',
      's3:PutAccountPublicAccessBlock',
    ]);
    expect(await failing()).toEqual(['iam-user-access-keys-rotated old-etl access key 1', 'iam-user-access-keys-used old-etl access key 1', 's3-account-public-access-blocked 123456789012']);

    // The journal grew (append-only), still verifies, and a second undo finds nothing left.
    const after = readFileSync(journal, 'utf8').trim().split('\n');
    expect(after.slice(0, lines.length)).toEqual(lines);
    expect(verifyJournal(after).ok).toBe(true);
    expect((await runCli(['fix', ...live('--undo', journal, '--yes')], env)).stdout).toMatch(/Nothing to undo/);
  });

  it('partial failure: a denied step fails and is journaled, the rest apply, exit 2', async () => {
    const fake = await start({ deny: ['iam:UpdateAccessKey'] });
    const journal = join(dir, 'partial.jsonl');
    const result = await runCli(['fix', ...live('--checks', CHECKS, '--apply', '--yes', '--journal', journal)], env);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/✗ FAILED {2}Deactivate access key .* — iam:UpdateAccessKey failed: AccessDenied/);
    expect(result.stdout).toMatch(/✓ applied {2}Turn on all four S3 Block Public Access/);
    expect(s3ControlState(fake.world).publicAccessBlock?.BlockPublicAcls).toBe(true);
    const outcomes = readFileSync(journal, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { outcome?: string }).outcome);
    expect(outcomes.filter(Boolean).sort()).toEqual(['applied', 'failed']);
  });

  it('drift: a resource changed between plan and apply is skipped and reported', async () => {
    const fake = await start();
    const planFile = join(dir, 'drift-plan.json');
    await runCli(['fix', ...live('--checks', CHECKS, '--format', 'json', '--output', planFile)], env);
    // Someone sets part of Block Public Access by hand in the meantime.
    s3ControlState(fake.world).publicAccessBlock = { BlockPublicAcls: true, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false };
    const result = await runCli(['fix', ...live('--plan', planFile, '--apply', '--yes', '--journal', join(dir, 'drift.jsonl'))], env);
    expect(result.stdout).toMatch(/- skipped \(drift\) {2}Turn on all four S3 Block Public Access .* changed since the plan/);
    expect(s3ControlState(fake.world).publicAccessBlock?.IgnorePublicAcls).toBe(false);
    expect(result.code).toBe(0);
  });

  it('--from a saved report: re-reads live and plans only the FAILs the report names', async () => {
    await start();
    const report = join(dir, 'report.json');
    await runCli(['scan', ...live('--checks', 's3-account-public-access-blocked', '--format', 'json', '--output', report)], env);
    const result = await runCli(['fix', ...live('--from', report, '--format', 'json')], env);
    expect(result.code).toBe(0);
    expect(planSchema.parse(JSON.parse(result.stdout)).steps.map((s) => s.key)).toEqual(['s3:block-account-public-access:123456789012']);
    // Fixed in the meantime: the report's FAIL no longer fails, so nothing is planned.
    s3ControlState(aws!.world).publicAccessBlock = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
    const later = await runCli(['fix', ...live('--from', report, '--format', 'json')], env);
    expect(planSchema.parse(JSON.parse(later.stdout)).steps).toEqual([]);
    expect(later.stderr).toMatch(/1 finding of .*report.json no longer fails/);
  });

  it('asks per step on a terminal: no skips a step, quit stops the rest', async () => {
    const fake = await start();
    const answers = ['n', 'q'];
    let stdout = '';
    const code = await main(['fix', ...live('--checks', CHECKS, '--apply', '--journal', join(dir, 'prompt.jsonl'))], {
      stdout: { write: (t: string) => (stdout += t), isTTY: false },
      stderr: { write: () => true, isTTY: false },
      env: { ...process.env, ...env },
      stdinIsTTY: true,
      prompt: () => Promise.resolve(answers.shift() ?? 'q'),
    });
    expect(code).toBe(0);
    expect(stdout.match(/- declined/g)).toHaveLength(2);
    expect(fake.world.writes).toEqual([]);
  });
});
