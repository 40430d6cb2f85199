import { execFileSync } from 'node:child_process';
import { rmSync, readdirSync, mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import AjvDraft04 from 'ajv-draft-04';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/main.js';
import { secretsReportSchema, type SecretsReport } from '../src/secrets/findings.js';
import { githubToken, keyIdFor, makeRepo, password, secretKey, type TestRepo } from './support/git-repo.js';
import { callerIdentity, credentialReportCsv, credentialReportResult, generateReportResult, queryError, queryResult, startFakeAws, type FakeAws } from './support/fake-aws.js';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

type Validate = ((data: unknown) => boolean) & { errors?: unknown[] | null };
const Ajv = AjvDraft04 as unknown as new (options: object) => { compile(schema: object): Validate };

async function run(args: string[], options: { cwd?: string; stdin?: string; env?: NodeJS.ProcessEnv } = {}) {
  let stdout = '';
  let stderr = '';
  const cwd = process.cwd();
  if (options.cwd) process.chdir(options.cwd);
  try {
    const code = await main(['secrets', ...args], {
      stdout: { write: (t: string) => (stdout += t), isTTY: false },
      stderr: { write: (t: string) => (stderr += t), isTTY: false },
      env: options.env ?? {},
      stdinIsTTY: false,
      now: () => new Date('2026-11-02T00:00:00Z'),
      ...(options.stdin !== undefined ? { stdin: Readable.from([Buffer.from(options.stdin)]) } : {}),
    });
    return { code, stdout, stderr };
  } finally {
    process.chdir(cwd);
  }
}
const json = async (args: string[], options?: Parameters<typeof run>[1]) => {
  const result = await run([...args, '--format', 'json'], options);
  const report: SecretsReport = secretsReportSchema.parse(JSON.parse(result.stdout));
  return { ...result, report };
};
const byRule = (report: SecretsReport, rule: string) => report.findings.filter((f) => f.rule === rule);

describe('bulwark secrets over a real git history', () => {
  let repo: TestRepo;
  const values = { deleted: keyIdFor('111122223333'), deletedSecret: secretKey(), tagOnly: githubToken(), merge: githubToken(), stash: githubToken(), oldStash: githubToken(), pull: githubToken(), head: password(), remote: githubToken() };
  const commits: Record<string, string> = {};

  beforeAll(() => {
    repo = makeRepo();
    repo.write('README.md', '# demo\n');
    commits.first = repo.commit('first');
    // Added, then deleted: only history has it.
    repo.write('deploy/env.sh', `#!/bin/sh\nexport AWS_ACCESS_KEY_ID=${values.deleted}\nexport AWS_SECRET_ACCESS_KEY=${values.deletedSecret}\n`);
    commits.key = repo.commit('add deploy script', 'Mallory <mallory@example.com>');
    repo.git('mv', 'deploy/env.sh', 'deploy/renamed.sh');
    repo.commit('rename');
    repo.git('rm', '-q', 'deploy/renamed.sh');
    repo.commit('remove the script');
    // A secret that lives only on a tag (its branch is gone).
    repo.git('checkout', '-q', '-b', 'experiment');
    repo.write('exp.txt', `token: ${values.tagOnly}\n`);
    repo.commit('experiment');
    repo.git('tag', 'v0-experiment');
    repo.git('checkout', '-q', 'main');
    repo.git('branch', '-q', '-D', 'experiment');
    // A secret only the merge's conflict resolution added.
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('config.txt', 'mode = feature\n');
    repo.commit('feature');
    repo.git('checkout', '-q', 'main');
    repo.write('config.txt', 'mode = main\n');
    repo.commit('main change');
    try {
      repo.git('merge', '-q', 'feature');
    } catch {
      // the conflict is the point
    }
    repo.write('config.txt', `mode = merged\nGITHUB_TOKEN=${values.merge}\n`);
    repo.git('add', 'config.txt');
    repo.git('commit', '-q', '--no-edit');
    commits.merge = repo.git('rev-parse', 'HEAD');
    repo.write('config.txt', 'mode = merged\n');
    repo.commit('drop the token');
    // Two stash entries: the older one is only in the stash's reflog.
    repo.write('wip.txt', `token = ${values.oldStash}\n`);
    repo.git('stash', 'push', '-q', '-u', '-m', 'older');
    repo.write('wip2.txt', `token = ${values.stash}\n`);
    repo.git('stash', 'push', '-q', '-u', '-m', 'newer');
    // A pull-request ref and a remote-tracking ref, as a CI checkout or a mirror has them.
    const pr = repo.git('commit-tree', repo.git('mktree'), '-m', 'pr');
    void pr;
    repo.write('pr.txt', `token: ${values.pull}\n`);
    repo.git('checkout', '-q', '-b', 'tmp-pr');
    repo.commit('pull request');
    repo.git('update-ref', 'refs/pull/7/head', 'HEAD');
    repo.write('pr.txt', `token: ${values.remote}\n`);
    repo.commit('remote work');
    repo.git('update-ref', 'refs/remotes/origin/work', 'HEAD');
    repo.git('checkout', '-q', 'main');
    repo.git('branch', '-q', '-D', 'tmp-pr');
    // Still in HEAD, under a name that says what it is; and a binary file.
    repo.write('app/settings.py', `DEBUG = False\nDB_PASSWORD = "${values.head}"\n`);
    repo.write('logo.png', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]), Buffer.from(`AKIA${'Q'.repeat(16)}`)]));
    commits.head = repo.commit('settings');
  });
  afterAll(() => rmSync(repo.dir, { recursive: true, force: true }));

  it('finds deleted, tag-only, merge-only, stashed, pull-request and remote secrets, each once, with provenance', async () => {
    const { code, report } = await json([repo.dir]);
    expect(code).toBe(1);
    const key = byRule(report, 'aws-access-key-id')[0]!;
    expect(key).toMatchObject({ severity: 'critical', paired: true, accountId: '111122223333', inHead: false, commit: { id: commits.key, author: 'Mallory <mallory@example.com>' } });
    expect(key.paths).toEqual(['deploy/env.sh', 'deploy/renamed.sh']);
    expect(key.location).toMatchObject({ path: 'deploy/env.sh', line: 2 });
    const tokens = byRule(report, 'github-token');
    expect(tokens).toHaveLength(6);
    const merge = tokens.find((t) => t.location.path === 'config.txt')!;
    expect(merge.commit?.id).toBe(commits.merge);
    expect(tokens.map((t) => t.location.path).sort()).toEqual(['config.txt', 'exp.txt', 'pr.txt', 'pr.txt', 'wip.txt', 'wip2.txt']);
    const settings = byRule(report, 'generic-secret')[0]!;
    expect(settings).toMatchObject({ inHead: true, location: { path: 'app/settings.py', line: 2 }, preview: `${values.head.slice(0, 2)}… (15 chars)` });
    expect(report.counts.binary).toBe(1);
    expect(report.summary.open).toBe(report.findings.length);
  });

  it('names the refs whose history holds each finding: branches, tags, remotes, pull requests and stash entries', async () => {
    const { report, stdout } = await run([repo.dir]).then(async (r) => ({ ...r, report: (await json([repo.dir])).report }));
    const refsAt = (path: string) => report.findings.filter((f) => f.location.path === path).map((f) => f.refs);
    expect(refsAt('exp.txt')).toEqual([['v0-experiment']]);
    expect(refsAt('wip.txt')).toEqual([['stash@{1}']]);
    expect(refsAt('wip2.txt')).toEqual([['stash@{0}']]);
    expect(refsAt('pr.txt').sort()).toEqual([['origin/work'], ['origin/work', 'pull/7/head']]);
    expect(refsAt('app/settings.py')).toEqual([['main']]);
    const merged = report.findings.find((f) => f.location.path === 'config.txt')!.refs!;
    expect(merged).toContain('main');
    expect(merged).not.toContain('feature');
    const key = byRule(report, 'aws-access-key-id')[0]!;
    expect(key.refs).toEqual(['feature', 'main', 'origin/work', 'pull/7/head', 'stash@{0}', 'stash@{1}', 'v0-experiment']);
    expect(stdout).toContain('in the history of feature, main, origin/work, pull/7/head, stash@{0} and 2 more');
    const sarif = JSON.parse((await run([repo.dir, '--format', 'sarif'])).stdout) as { runs: [{ results: { message: { text: string }; properties: { refs?: string[] } }[] }] };
    expect(sarif.runs[0].results.find((r) => r.properties.refs?.length === 1 && r.properties.refs[0] === 'v0-experiment')?.message.text).toContain('In the history of v0-experiment.');
    expect((await run([repo.dir, '--format', 'markdown'])).stdout).toContain('| v0-experiment |');
    const narrowed = (await json([repo.dir, '--branch', 'main'])).report;
    expect(new Set(narrowed.findings.flatMap((f) => f.refs))).toEqual(new Set(['main']));
  });

  it('never writes a found value, in any format', async () => {
    for (const format of ['console', 'json', 'sarif', 'markdown']) {
      const { stdout } = await run([repo.dir, '--format', format]);
      for (const value of Object.values(values)) expect(stdout, format).not.toContain(value);
      expect(stdout).not.toContain(values.head.slice(0, 3));
    }
  });

  it('--branch and --since narrow the history', async () => {
    const main = (await json([repo.dir, '--branch', 'main'])).report;
    expect(main.findings.map((f) => f.location.path).sort()).toEqual(['app/settings.py', 'config.txt', 'deploy/env.sh', 'deploy/env.sh']);
    const tag = (await json([repo.dir, '--branch', 'v0-experiment'])).report;
    expect(tag.findings.map((f) => f.location.path)).toContain('exp.txt');
    const none = await json([repo.dir, '--since', '2100-01-01']);
    expect([none.code, none.report.findings]).toEqual([0, []]);
    const bad = await run([repo.dir, '--branch', 'no-such-branch']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('no branch, tag or commit named "no-such-branch"');
  });

  it('SARIF is valid, with a path, a line and a stable fingerprint per finding', async () => {
    const require = createRequire(import.meta.url);
    const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);
    const sarif = JSON.parse((await run([repo.dir, '--format', 'sarif'])).stdout) as { runs: [{ results: { locations: [{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }]; partialFingerprints: Record<string, string> }[] }] };
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const again = JSON.parse((await run([repo.dir, '--format', 'sarif'])).stdout) as typeof sarif;
    const prints = (s: typeof sarif) => s.runs[0].results.map((r) => r.partialFingerprints['bulwarkSecret/v1']);
    expect(prints(again)).toEqual(prints(sarif));
    expect(sarif.runs[0].results.find((r) => r.locations[0].physicalLocation.artifactLocation.uri === 'app/settings.py')?.locations[0].physicalLocation.region.startLine).toBe(2);
  });

  it('ignores what .bulwarkignore, bulwark:allow and a baseline name, and counts them', async () => {
    const first = (await json([repo.dir])).report;
    const baselineFile = join(repo.dir, '..', `${readdirSync(tmpdir()).length}-baseline.json`);
    writeFileSync(baselineFile, JSON.stringify(first));
    const token = githubToken();
    repo.write('new.txt', `token: ${token}\nallowed = "${githubToken()}" # bulwark:allow\n`);
    repo.write('.bulwarkignore', `# reviewed: rotated already\n${first.findings.find((f) => f.rule === 'aws-access-key-id')!.fingerprint}\n`);
    repo.commit('new token');
    const { report, code } = await json([repo.dir, '--baseline', baselineFile]);
    expect(code).toBe(1);
    expect(report.findings.filter((f) => !f.ignored).map((f) => f.location.path)).toEqual(['new.txt']);
    expect(report.summary).toEqual({ open: 1, ignored: { bulwarkignore: 1, inline: 1, baseline: first.findings.length - 1 } });
    expect((await run([repo.dir, '--baseline', baselineFile])).stdout).toContain('ignored: 1 by .bulwarkignore, 1 by bulwark:allow');
    const broken = await run([repo.dir, '--baseline', join(repo.dir, 'README.md')]);
    expect([broken.code, broken.stderr]).toEqual([2, expect.stringContaining('not JSON')]);
    rmSync(baselineFile);
  });

  it('--staged scans only what the next commit adds', async () => {
    const staged = githubToken();
    repo.write('staged.txt', `token: ${staged}\n`);
    repo.git('add', 'staged.txt');
    repo.write('unstaged.txt', `token: ${githubToken()}\n`);
    const { report, code } = await json([repo.dir, '--staged']);
    expect(code).toBe(1);
    expect(report.target.kind).toBe('staged');
    expect(report.findings.map((f) => f.location.path)).toEqual(['staged.txt']);
    repo.git('reset', '-q', 'staged.txt');
    rmSync(join(repo.dir, 'staged.txt'));
    rmSync(join(repo.dir, 'unstaged.txt'));
    expect((await json([repo.dir, '--staged'])).code).toBe(0);
  });

  it('--no-git scans the files as they are', async () => {
    const { report } = await json([repo.dir, '--no-git']);
    expect(report.target.kind).toBe('files');
    expect(report.findings.map((f) => f.location.path).sort()).toEqual(['app/settings.py', 'new.txt', 'new.txt']);
  });

  it('says a shallow clone has an incomplete history', async () => {
    const clone = mkdtempSync(join(tmpdir(), 'bulwark-shallow-'));
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo.dir}`, clone]);
    const { stderr, report } = await json([clone]);
    expect(stderr).toContain('shallow clone: the history is incomplete');
    expect(report.warnings[0]).toContain('shallow clone');
    expect(report.findings.map((f) => f.location.path).sort()).toEqual(['app/settings.py', 'new.txt', 'new.txt']);
    rmSync(clone, { recursive: true, force: true });
  });

  it('skips and counts the objects a partial clone does not have, without fetching them', async () => {
    execFileSync('git', ['-C', repo.dir, 'config', 'uploadpack.allowFilter', 'true']);
    const clone = mkdtempSync(join(tmpdir(), 'bulwark-partial-'));
    execFileSync('git', ['clone', '-q', '--no-checkout', '--filter=blob:none', `file://${repo.dir}`, clone]);
    const before = execFileSync('git', ['-C', clone, 'count-objects', '-v'], { encoding: 'utf8' });
    const { report, stderr, code } = await json([clone]);
    expect(stderr).toContain('partial clone');
    expect(report.counts.missing).toBeGreaterThan(5);
    expect(code).toBe(0);
    expect(execFileSync('git', ['-C', clone, 'count-objects', '-v'], { encoding: 'utf8' })).toBe(before);
    rmSync(clone, { recursive: true, force: true });
  });

  it('skips a missing object in a damaged repository, counts it, and reports the rest', async () => {
    const damaged = makeRepo();
    const lost = githubToken();
    const kept = githubToken();
    damaged.write('lost.txt', `token: ${lost}\n`);
    damaged.write('kept.txt', `token: ${kept}\n`);
    damaged.commit('two tokens');
    const blob = damaged.git('rev-parse', 'HEAD:lost.txt');
    rmSync(join(damaged.dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));
    const { report, code, stderr } = await json([damaged.dir]);
    expect(code).toBe(1);
    expect(report.counts.missing).toBe(1);
    expect(stderr).toContain('1 objects are missing from the repository');
    expect(report.findings.map((f) => f.location.path)).toEqual(['kept.txt']);
    rmSync(damaged.dir, { recursive: true, force: true });
  });
});

describe('bulwark secrets over the whole object store', () => {
  it('labels a secret only in an object no ref reaches, and finds one a tag of a blob holds, with its tag', async () => {
    const store = makeRepo();
    const [dangling, tagged, committed] = [githubToken(), githubToken(), githubToken()];
    store.write('app.txt', `token: ${committed}\n`);
    store.commit('app');
    // Staged, then unstaged: the blob stays in .git with nothing pointing at it.
    store.write('wip.txt', `token: ${dangling}\n`);
    store.git('add', 'wip.txt');
    store.git('reset', '-q', 'wip.txt');
    store.write('key.txt', `token: ${tagged}\n`);
    store.git('tag', 'key-blob', store.git('hash-object', '-w', 'key.txt'));
    const { report, stdout } = await json([store.dir]).then(async (r) => ({ ...r, stdout: (await run([store.dir])).stdout }));
    expect(report.findings).toHaveLength(3);
    const lost = report.findings.find((f) => f.unreachable)!;
    expect(lost).toMatchObject({ inHead: false, refs: [], paths: [] });
    expect(lost.location.path).toMatch(/^\(unreachable blob [0-9a-f]{12}\)$/);
    expect(lost.commit).toBeUndefined();
    expect(stdout).toContain('only in objects no ref reaches');
    const sarif = JSON.parse((await run([store.dir, '--format', 'sarif'])).stdout) as { runs: [{ results: { locations: [{ physicalLocation?: unknown; logicalLocations?: { name: string }[] }]; properties: { unreachable?: boolean } }[] }] };
    const lostResult = sarif.runs[0].results.find((r) => r.properties.unreachable)!;
    expect(lostResult.locations[0].physicalLocation).toBeUndefined();
    expect(lostResult.locations[0].logicalLocations?.[0]?.name).toBe(lost.location.path);
    const others = report.findings.filter((f) => !f.unreachable);
    expect(others.map((f) => f.refs).sort()).toEqual([['key-blob'], ['main']]);
    expect(others.find((f) => f.refs?.[0] === 'main')).toMatchObject({ location: { path: 'app.txt', line: 1 }, inHead: true });
    rmSync(store.dir, { recursive: true, force: true });
  });
  it('a secret staged but not committed yet is about to enter the history, not unreachable', async () => {
    const store = makeRepo();
    store.write('app.txt', 'hello\n');
    store.commit('app');
    const staged = githubToken();
    store.write('config/next.txt', `token: ${staged}\n`);
    store.git('add', 'config/next.txt');
    const { report } = await json([store.dir]);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ location: { path: 'config/next.txt' }, inHead: false });
    expect(report.findings[0]?.unreachable).toBeFalsy();
    rmSync(store.dir, { recursive: true, force: true });
  });
});

describe('bulwark secrets on files and stdin', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bulwark-files-'));
    writeFileSync(join(dir, 'latin1.txt'), Buffer.concat([Buffer.from([0xff, 0xfe, 0x00].slice(0, 2)), Buffer.from(`\ntoken = ${githubToken()}\n`), Buffer.from([0xc3, 0x28])]));
    writeFileSync(join(dir, 'big.log'), `${'x'.repeat(2 * 1024 * 1024)}\n${githubToken()}\n`);
    writeFileSync(join(dir, 'image.bin'), Buffer.from([0, 1, 2, 3]));
    writeFileSync(join(dir, 'clean.ts'), 'export const token = getToken();\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('scans a folder that is not a repository as files: invalid UTF-8 read as bytes, binary and huge files skipped and counted', async () => {
    const { report, code } = await json([dir, '--max-size', '1']);
    expect(code).toBe(1);
    expect(report.target.kind).toBe('files');
    expect(report.findings.map((f) => [f.location.path, f.location.line])).toEqual([['latin1.txt', 2]]);
    expect(report.counts).toMatchObject({ blobs: 3, binary: 1, huge: 1, missing: 0 });
    expect((await run([dir, '--max-size', '1'])).stdout).toContain('skipped: 1 binary, 1 larger than 1.0 MB');
  });

  it('reads stdin with -', async () => {
    const { report, code } = await json(['-'], { stdin: `hello\nnpm_token=${githubToken().replace('ghp_', 'npm_')}\n` });
    expect(code).toBe(1);
    expect(report.findings[0]).toMatchObject({ rule: 'npm-token', location: { path: '(stdin)', line: 2 } });
    expect((await json(['-'], { stdin: 'nothing here\n' })).code).toBe(0);
  });

  it('exits 2 with one line when the input cannot be read', async () => {
    const missing = await run([join(dir, 'nope')]);
    expect([missing.code, missing.stderr.trim()]).toEqual([2, `bulwark: cannot read ${join(dir, 'nope')}: no such file or folder`]);
    const staged = await run([dir, '--staged']);
    expect([staged.code, staged.stderr]).toEqual([2, expect.stringContaining('is not a git repository: --staged')]);
  });
});

describe('bulwark secrets --verify and --check-account against the local AWS look-alike', () => {
  let fake: FakeAws;
  let dir: string;
  const mine = keyIdFor('123456789012');
  const dead = keyIdFor('123456789012');
  const foreign = keyIdFor('444455556666');
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bulwark-verify-'));
    writeFileSync(join(dir, 'a.env'), `AWS_ACCESS_KEY_ID=${mine}\nAWS_SECRET_ACCESS_KEY=${secretKey()}\n`);
    writeFileSync(join(dir, 'b.env'), `AWS_ACCESS_KEY_ID=${dead}\nAWS_SECRET_ACCESS_KEY=${secretKey()}\n`);
    writeFileSync(join(dir, 'c.env'), `AWS_ACCESS_KEY_ID=${foreign}\nAWS_SECRET_ACCESS_KEY=${secretKey()}\n`);
    const csv = credentialReportCsv('123456789012', [{ name: 'deploy-bot', mfa: false, password: false }]);
    fake = await startFakeAws((request) => {
      const signer = /Credential=([A-Z0-9]+)\//.exec(request.headers.authorization ?? '')?.[1];
      if (request.action === 'GetCallerIdentity') {
        if (signer === mine) return callerIdentity('123456789012', 'arn:aws:iam::123456789012:user/deploy-bot');
        if (signer === 'AKIDAUDITOR') return callerIdentity('123456789012');
        return queryError(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');
      }
      if (request.action === 'GenerateCredentialReport') return generateReportResult('COMPLETE');
      if (request.action === 'GetCredentialReport') return credentialReportResult(csv);
      if (request.action === 'GetAccessKeyLastUsed') {
        return queryResult('GetAccessKeyLastUsed', `<UserName>deploy-bot</UserName><AccessKeyLastUsed><LastUsedDate>2026-10-31T00:00:00Z</LastUsedDate><ServiceName>s3</ServiceName><Region>eu-west-1</Region></AccessKeyLastUsed>`);
      }
      if (request.action === 'ListAccessKeys') {
        return queryResult('ListAccessKeys', `<AccessKeyMetadata><member><UserName>deploy-bot</UserName><AccessKeyId>${mine}</AccessKeyId><Status>Active</Status><CreateDate>2025-01-01T00:00:00Z</CreateDate></member><member><UserName>deploy-bot</UserName><AccessKeyId>${dead}</AccessKeyId><Status>Inactive</Status><CreateDate>2024-01-01T00:00:00Z</CreateDate></member></AccessKeyMetadata><IsTruncated>false</IsTruncated>`);
      }
      return undefined;
    });
  });
  afterAll(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const env = () => ({ AWS_ACCESS_KEY_ID: 'AKIDAUDITOR', AWS_SECRET_ACCESS_KEY: 'auditor-secret', AWS_REGION: 'us-east-1' });

  it('makes no AWS call without --verify', async () => {
    fake.requests.length = 0;
    await json([dir, '--endpoint-url', fake.url], { env: env() });
    expect(fake.requests).toEqual([]);
  });

  it('says first that each call is recorded in the key owner\'s CloudTrail, and calls only for --verify-accounts', async () => {
    fake.requests.length = 0;
    const { report, stderr } = await json([dir, '--verify', '--verify-accounts', '123456789012', '--endpoint-url', fake.url], { env: env() });
    expect(stderr).toMatch(/Verify plan: 2 sts:GetCallerIdentity calls.*\n.*recorded in that account's CloudTrail/);
    expect(stderr).toContain('is not in --verify-accounts');
    expect(fake.requests.map((r) => r.action)).toEqual(['GetCallerIdentity', 'GetCallerIdentity']);
    const keys = byRule(report, 'aws-access-key-id');
    expect(keys.find((k) => k.location.path === 'a.env')?.verification).toEqual({ status: 'live', arn: 'arn:aws:iam::123456789012:user/deploy-bot', account: '123456789012' });
    expect(keys.find((k) => k.location.path === 'b.env')?.verification?.status).toBe('rejected');
    expect(keys.find((k) => k.location.path === 'a.env')?.next).toBe(`the key (${mine.slice(0, 4)}…${mine.slice(-4)}) is live: deactivate it now (aws iam update-access-key --access-key-id <the key id at a.env:1> --status Inactive in account 123456789012), then rotate it`);
    expect(JSON.stringify(report)).not.toContain(mine);
    expect(keys.find((k) => k.location.path === 'c.env')?.verification).toBeUndefined();
  });

  it('never calls AWS with a canary key (built-in Thinkst accounts, and ones the config adds): it says canary token, not verified', async () => {
    const canaries = [keyIdFor('052310077262'), keyIdFor('044858866125'), keyIdFor('999988887777')];
    const canaryDir = mkdtempSync(join(tmpdir(), 'bulwark-canary-'));
    canaries.forEach((id, i) => writeFileSync(join(canaryDir, `canary-${i}.env`), `AWS_ACCESS_KEY_ID=${id}\nAWS_SECRET_ACCESS_KEY=${secretKey()}\n`));
    writeFileSync(join(canaryDir, 'own.env'), `AWS_ACCESS_KEY_ID=${mine}\nAWS_SECRET_ACCESS_KEY=${secretKey()}\n`);
    const config = join(canaryDir, '..', `${canaryDir.split('/').pop()}.yaml`);
    writeFileSync(config, 'secrets:\n  canaryAccounts: ["999988887777"]\n');
    fake.requests.length = 0;
    const { report, stderr } = await json([canaryDir, '--verify', '--config', config, '--endpoint-url', fake.url], { env: env() });
    const signers = fake.requests.map((r) => /Credential=([A-Z0-9]+)\//.exec(r.headers.authorization ?? '')?.[1]);
    expect(signers).toEqual([mine]);
    expect(stderr).toMatch(/Verify plan: 1 sts:GetCallerIdentity call,/);
    expect(stderr).toContain('a canary token (account 052310077262 is a canary account of Thinkst Canarytokens (canarytokens.org)');
    const keys = byRule(report, 'aws-access-key-id');
    expect(keys.filter((k) => k.verification?.status === 'canary').map((k) => k.accountId).sort()).toEqual(['044858866125', '052310077262', '999988887777']);
    expect(keys.find((k) => k.accountId === '999988887777')?.verification?.detail).toContain('your configuration (secrets.canaryAccounts)');
    expect((await run([canaryDir, '--verify', '--config', config, '--endpoint-url', fake.url], { env: env() })).stdout).toContain('canary token, not verified (account 044858866125');
    const broken = await run([canaryDir, '--verify', '--config', join(canaryDir, 'own.env'), '--endpoint-url', fake.url], { env: env() });
    expect(broken.code).toBe(2);
    rmSync(canaryDir, { recursive: true, force: true });
    rmSync(config);
  });

  it('--check-account matches keys with the credential report and says what to do next', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDAUDITOR');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'auditor-secret');
    vi.stubEnv('AWS_CONFIG_FILE', join(dir, 'no-config'));
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(dir, 'no-credentials'));
    const result = await run([dir, '--check-account', '--endpoint-url', fake.url, '--format', 'json'], { env: env() });
    expect(result.stderr).not.toContain('bulwark:');
    const { stderr } = result;
    const report = secretsReportSchema.parse(JSON.parse(result.stdout));
    expect(stderr).toContain('Matching AWS keys with account 123456789012');
    const keys = byRule(report, 'aws-access-key-id');
    const live = keys.find((k) => k.location.path === 'a.env')!;
    expect(live.account).toMatchObject({ user: 'deploy-bot', status: 'Active', lastUsed: '2026-10-31', lastService: 's3' });
    // The next step names the key as fix does (AKIA…WXYZ) and says where its full id is: never the id itself.
    expect(live.next).toContain(`this key (${mine.slice(0, 4)}…${mine.slice(-4)}) is live in account 123456789012: contain it with bulwark respond --access-key <the key id at a.env:1>`);
    expect(result.stdout).not.toContain(mine);
    expect(keys.find((k) => k.location.path === 'b.env')!.next).toContain('--access-key-id <the key id at b.env:1>');
    expect(keys.find((k) => k.location.path === 'b.env')!.account?.status).toBe('Inactive');
    expect(keys.find((k) => k.location.path === 'c.env')!.account?.detail).toContain('belongs to account 444455556666');
    vi.unstubAllEnvs();
  });
});

describe('bulwark secrets --demo', () => {
  it('scans a throwaway repository and finds the deleted key, the tag-only token and the password in HEAD', async () => {
    const { code, stdout, stderr } = await run(['--demo']);
    expect(code).toBe(1);
    expect(stderr).toContain('Demo: scanning a throwaway repository');
    expect(stdout).toMatch(/CRITICAL AWS access key id AKIA… \(20 chars\) at deploy\/env\.sh:2\n {2}added in \w+ by Demo Developer <dev@example\.com> on \d{4}-\d\d-\d\d; not in HEAD/);
    expect(stdout).toContain('GitHub token ghp_… (40 chars) at spike.md:1');
    expect(stdout).toMatch(/MEDIUM db_password assignment \w\w… \(16 chars\) at app\/settings\.py:3\n {2}added in \w+ .*; still in HEAD/);
    expect(stdout).toContain('Summary: 4 secrets found');
  });
});
