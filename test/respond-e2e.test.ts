/**
 * `bulwark respond` end to end on the scripted intrusion in the stateful look-alike, through the
 * CLI and the real SDK: scope → contain (--apply) → the account shows it → undo → the account is
 * as before; the journal and the evidence folder verify, and a changed byte does not.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stubFakeAwsEnv } from './support/aws.js';
import { EXPECTED_ITEMS, INTRUSION_NOW, INTRUSION_REGIONS, INTRUSION_SINCE, startIntrusion, SUSPECT_KEY } from './support/intrusion.js';
import { runCli } from './support/run-cli.js';
import type { StatefulAws } from './support/stateful/index.js';
import { ec2ResourcesState } from './support/stateful/services/ec2-resources.js';
import { securityGroupsState } from './support/stateful/services/ec2-security-groups.js';
import { iamState } from './support/stateful/services/iam.js';

const dir = mkdtempSync(join(tmpdir(), 'bulwark-respond-e2e-'));
const env = { AWS_REGION: 'us-east-1' };
const cli = (args: string[]) => runCli(args, env, INTRUSION_NOW);

let aws: StatefulAws | undefined;
beforeEach(() => stubFakeAwsEnv(dir));
afterEach(async () => {
  vi.unstubAllEnvs();
  await aws?.close();
  aws = undefined;
});

const live = (...args: string[]) => ['respond', '--endpoint-url', aws!.url, '--regions', INTRUSION_REGIONS.join(','), '--since', INTRUSION_SINCE.toISOString(), '--access-key', SUSPECT_KEY, ...args];
const sorted = (items: readonly { kind: string; id: string; region: string }[]) => items.map((i) => `${i.kind} ${i.id} ${i.region}`).sort();

function accountState(world: StatefulAws['world']) {
  const iam = iamState(world);
  const ec2 = ec2ResourcesState(world)!;
  return {
    keys: [...iam.users.values()].flatMap((u) => u.keys.map((k) => `${u.name} ${k.id} ${k.status}`)).sort(),
    userPolicies: [...iam.users.values()].map((u) => `${u.name}: ${Object.keys(u.inline ?? {}).sort().join(',')}`).sort(),
    rolePolicies: [...iam.roles.values()].map((r) => `${r.name}: ${Object.keys(r.inline ?? {}).sort().join(',')}`).sort(),
    instances: Object.values(ec2.regions).flatMap((r) => r.instances.map((i) => `${i.id} ${i.state} ${i.groups.join(',')}`)).sort(),
    sharing: Object.values(ec2.regions).flatMap((r) => [...r.snapshots, ...r.images].map((s) => `${s.id} public=${s.public} ${s.sharedWith.join(',')}`)).sort(),
  };
}

describe('bulwark respond on the scripted intrusion', () => {
  it('finds exactly what the intruder made, contains it, and undoes the containment', async () => {
    aws = await startIntrusion();
    const before = accountState(aws.world);

    const scoped = await cli(live('--format', 'json'));
    expect(scoped.stderr).not.toMatch(/error|unexpected/i);
    expect(scoped.code).toBe(1);
    const report = JSON.parse(scoped.stdout) as { scope: { items: { kind: string; id: string; region: string }[]; unreadable: unknown[] } };
    expect(sorted(report.scope.items)).toEqual(sorted(EXPECTED_ITEMS));
    expect(report.scope.unreadable).toEqual([]);
    expect(aws.world.writes).toEqual([]);

    const journal = join(dir, 'respond.jsonl');
    const evidence = join(dir, 'evidence');
    const applied = await cli(live('--contain', '--apply', '--yes', '--journal', journal, '--evidence-dir', evidence));
    expect(applied.stderr).not.toMatch(/unexpected/i);
    if (applied.code !== 1) console.log(applied.stderr.slice(-3000), applied.stdout.slice(-3000));
    expect(applied.code).toBe(1);
    const contained = accountState(aws.world);
    // Every key the suspect holds or made is inactive; the old keys of others are not touched.
    expect(contained.keys).toEqual(['alice AKIAALICEBACKDOOR001 Inactive', 'alice AKIAALICEOLDKEY00001 Active', `deploy ${SUSPECT_KEY} Inactive`, 'svc-backup AKIASVCBACKUPKEY0001 Inactive']);
    // The user the stolen key belongs to is a suspect too, with the users and roles the intruder made.
    expect(contained.userPolicies.find((p) => p.startsWith('deploy:'))).toMatch(/Bulwark/);
    expect(contained.userPolicies.find((p) => p.startsWith('svc-backup:'))).toMatch(/Bulwark/);
    expect(contained.userPolicies.find((p) => p.startsWith('alice:'))).toBe('alice: ');
    expect(contained.rolePolicies.find((p) => p.startsWith('ops-audit:'))).toMatch(/Bulwark/);
    expect(contained.rolePolicies.find((p) => p.startsWith('app-role:'))).toBe('app-role: ');
    // The intruder's instances are stopped and isolated; the owner's instance keeps running as it was.
    const attack = contained.instances.filter((i) => i.startsWith('i-0atk'));
    expect(attack).toHaveLength(3);
    for (const line of attack) expect(line).toMatch(/ stopped sg-(?!0web|0default)/);
    expect(contained.instances).toContain(before.instances.find((i) => i.startsWith('i-0old')));
    // Each region's quarantine group allows nothing in or out, over IPv6 too (the VPC has an IPv6 block).
    const quarantine = Object.values(securityGroupsState(aws.world)!.groups).flat().filter((g) => g.name.startsWith('bulwark-quarantine'));
    expect(quarantine).toHaveLength(INTRUSION_REGIONS.length);
    for (const group of quarantine) expect([group.inbound, group.outbound]).toEqual([[], []]);
    expect(contained.sharing.find((s) => s.startsWith('snap-0exfil'))).toBe('snap-0exfil00000000001 public=false ');
    // Evidence snapshots of the three instances' volumes were taken before they stopped.
    expect(aws.world.writes.filter((w) => w.action === 'ec2:CreateSnapshot')).toHaveLength(3);

    expect((await cli(['respond', 'verify-journal', journal])).code).toBe(0);
    execFileSync('sha256sum', ['--check', '--quiet', 'SHA256SUMS'], { cwd: evidence });

    const undone = await cli(['respond', '--endpoint-url', aws.url, '--undo', journal, '--yes']);
    expect(undone.stderr).not.toMatch(/unexpected/i);
    expect(undone.code).toBe(0);
    const after = accountState(aws.world);
    expect(after.keys).toEqual(before.keys);
    expect(after.userPolicies).toEqual(before.userPolicies);
    expect(after.rolePolicies).toEqual(before.rolePolicies);
    const id = (line: string) => line.split(' ')[0];
    expect(after.sharing.filter((s) => before.sharing.some((b) => id(b) === id(s)))).toEqual(before.sharing);
    expect(after.instances.map((i) => i.replace(/ (running|pending) /, ' up '))).toEqual(before.instances.map((i) => i.replace(/ (running|pending) /, ' up ')));

    // The journal now holds the undo too, and still verifies; one changed byte does not.
    expect((await cli(['respond', 'verify-journal', journal])).code).toBe(0);
    const text = readFileSync(journal, 'utf8');
    const at = text.indexOf('Inactive');
    writeFileSync(journal, `${text.slice(0, at)}inactive${text.slice(at + 'Inactive'.length)}`);
    const broken = await cli(['respond', 'verify-journal', journal]);
    expect(broken.code).not.toBe(0);
    expect(broken.stdout + broken.stderr).toMatch(/line \d+|entry \d+/);
  }, 180_000);
});
