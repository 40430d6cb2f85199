/**
 * Secrets benchmark: builds a history of 20,000 commits and 100,000 distinct blobs (source files
 * that change a little in every commit, a few planted secrets, branches, tags, a merge) with
 * `git fast-import`, then scans it with `bulwark secrets` (built CLI, all rules, every blob of
 * every ref) and with `git secrets --scan-history` (AWS Labs, Debian package git-secrets, installed
 * here when absent) side by side: wall time, MB/s of blob content and peak RSS.
 *
 *   npm run build && npx tsx bench/secrets.bench.ts
 *
 * BENCH_SECRETS_COMMITS=2000 builds a smaller history (also the first argument); BENCH_SECRETS_REPO=dir
 * scans an existing repository instead (kept afterwards, as is the built one with KEEP=1);
 * BENCH_SECRETS_GIT_SECRETS=0 skips git-secrets. The load average is printed before and after each
 * run: on a shared machine, read MB per CPU-second rather than MB/s wall.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const COMMITS = Number(process.argv[2] ?? process.env.BENCH_SECRETS_COMMITS ?? 20_000);
const FILES_PER_COMMIT = 5;
const PATHS = 4_000;

let seed = 42;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff) / 0x7fffffff);
const pick = (alphabet: string, n: number) => Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const WORDS = ['user', 'order', 'invoice', 'session', 'token', 'account', 'payment', 'cache', 'queue', 'report', 'config', 'client', 'request', 'handler', 'bucket', 'event'];
const word = () => WORDS[Math.floor(random() * WORDS.length)]!;

/** A plausible TypeScript or Python module of a few kilobytes; `version` makes each blob distinct. */
function sourceFile(path: string, version: number): string {
  const lines: string[] = [];
  const py = path.endsWith('.py');
  lines.push(py ? `"""${word()} ${word()} module, revision ${version}."""` : `// ${word()} ${word()} module, revision ${version}`);
  lines.push(py ? 'import os\nimport json\n' : "import { readFile } from 'node:fs/promises';\n");
  const functions = 6 + Math.floor(random() * 10);
  for (let f = 0; f < functions; f++) {
    const name = `${word()}${word()[0]!.toUpperCase()}${word().slice(1)}${f}`;
    if (py) {
      lines.push(`def ${name}(${word()}, ${word()}_id=None):`, `    """Return the ${word()} for ${word()} ${f}."""`, `    ${word()} = os.environ.get("${word().toUpperCase()}_URL")`, `    if ${word()}_id is None:`, `        return json.dumps({"${word()}": ${Math.floor(random() * 1e6)}})`, `    return ${word()}.get(${word()}_id, ${f})`, '');
    } else {
      lines.push(`export async function ${name}(${word()}: string, options: { ${word()}?: number } = {}): Promise<number> {`, `  const ${word()}Path = \`/var/lib/${word()}/\${${word()}}.json\`;`, `  const text = await readFile(${word()}Path, 'utf8');`, `  if (options.${word()} === ${Math.floor(random() * 1e6)}) throw new Error('${word()} ${word()} not found');`, `  return JSON.parse(text).${word()}.length + ${f};`, '}', '');
    }
  }
  return `${lines.join('\n')}\n`;
}

async function buildRepository(dir: string): Promise<{ planted: number }> {
  execFileSync('git', ['init', '-q', '-b', 'main', dir]);
  const importer = spawn('git', ['-C', dir, 'fast-import', '--quiet'], { stdio: ['pipe', 'inherit', 'inherit'] });
  const write = (text: string) => (importer.stdin.write(text) ? Promise.resolve() : new Promise<void>((resolve) => importer.stdin.once('drain', () => resolve())));
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const paths = Array.from({ length: PATHS }, (_, i) => `src/${word()}/${word()}-${i}.${i % 3 === 0 ? 'py' : 'ts'}`);
  let time = 1_600_000_000;
  let planted = 0;
  for (let c = 1; c <= COMMITS; c++) {
    // A feature branch every 2,000 commits, merged back; a tag every 5,000.
    const onBranch = c % 2000 >= 1990;
    const ref = onBranch ? `refs/heads/feature-${Math.floor(c / 2000)}` : 'refs/heads/main';
    let commit = `commit ${ref}\nmark :${c}\ncommitter Dev ${c % 7} <dev${c % 7}@example.com> ${(time += 600)} +0000\n${data(`change ${c}`)}`;
    if (c > 1) commit += `from :${c - 1}\n`;
    for (let f = 0; f < FILES_PER_COMMIT; f++) {
      const path = paths[(c * FILES_PER_COMMIT + f) % PATHS]!;
      let content = sourceFile(path, c * FILES_PER_COMMIT + f);
      // A few planted secrets: a key pair, a GitHub token, a password, later removed again.
      if (c % 4000 === 17 && f === 0) {
        content += `\nAWS_ACCESS_KEY_ID = "AKIA${pick(B32, 16)}"\nAWS_SECRET_ACCESS_KEY = "${pick(ALNUM, 38)}/+"\n`;
        planted++;
      }
      if (c % 5000 === 123 && f === 1) {
        content += `\nGITHUB_TOKEN = "ghp_${pick(ALNUM, 36)}"\n`;
        planted++;
      }
      commit += `M 100644 inline ${path}\n${data(content)}`;
    }
    await write(commit);
    if (c % 5000 === 0) await write(`reset refs/tags/v${c / 5000}.0\nfrom :${c}\n\n`);
  }
  importer.stdin.end();
  await new Promise((resolve) => importer.on('close', resolve));
  return { planted };
}

/**
 * Runs a command under GNU time: wall seconds, CPU seconds (user + system, its git children
 * included) and peak RSS (KiB) of the process. On a shared machine the CPU figure is the steadier one.
 */
function measure(command: string, args: string[], cwd: string): { seconds: number; cpu: number; maxRssKiB: number; stdout: string; code: number } {
  const start = performance.now();
  const result = spawnSync('/usr/bin/time', ['-f', '%U %S %M', command, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = (performance.now() - start) / 1000;
  const [user = 0, system = 0, rss = 0] = result.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  return { seconds, cpu: user + system, maxRssKiB: rss, stdout: result.stdout, code: result.status ?? -1 };
}

function ensureGitSecrets(): boolean {
  if (spawnSync('git', ['secrets', '--list'], { cwd: tmpdir() }).error === undefined && spawnSync('sh', ['-c', 'command -v git-secrets']).status === 0) return true;
  console.log('installing git-secrets (Debian package) with apt-get …');
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const run = (args: string[]) => spawnSync(sudo[0] ?? args[0]!, sudo.length ? args : args.slice(1), { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
  return run(['apt-get', 'update', '-qq']) && run(['apt-get', 'install', '-y', '-qq', 'git-secrets']);
}

const load = () => `load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`;
const given = process.env.BENCH_SECRETS_REPO;
const dir = given ?? mkdtempSync(join(tmpdir(), 'bulwark-secrets-bench-'));
try {
  const buildStart = performance.now();
  const built = given ? undefined : await buildRepository(dir);
  const count = (what: string) => execFileSync('sh', ['-c', what], { cwd: dir, encoding: 'utf8' }).trim();
  const blobs = count('git rev-list --objects --all | cut -d" " -f1 | git cat-file --batch-check="%(objecttype)" | grep -c blob');
  const commits = count('git rev-list --all | wc -l');
  console.log(`History: ${commits} commits, ${blobs} distinct blobs${built ? `, ${built.planted} planted secrets; built with git fast-import in ${((performance.now() - buildStart) / 1000).toFixed(1)} s` : ` in ${dir}`}`);
  console.log(`Machine: ${availableParallelism()} cores; before the scan: ${load()}`);

  const cli = join(process.cwd(), 'dist', 'cli.js');
  const out = join(dir, '..', `${dir.split('/').pop()}-report.json`);
  const bulwark = measure('node', [cli, 'secrets', dir, '--format', 'json', '--output', out], process.cwd());
  const report = JSON.parse(readFileSync(out, 'utf8')) as { counts: { blobs: number; bytes: number }; findings: { rule: string }[] };
  rmSync(out, { force: true });
  const mb = report.counts.bytes / 1e6;
  console.log(`after the scan: ${load()}`);
  console.log('\ntool                          wall s   CPU s   MB/s wall  MB/CPU-s  peak RSS (MiB)  findings');
  const row = (name: string, m: ReturnType<typeof measure>, found: string) =>
    console.log(`${name.padEnd(28)} ${m.seconds.toFixed(1).padStart(7)} ${m.cpu.toFixed(1).padStart(7)} ${(mb / m.seconds).toFixed(0).padStart(10)} ${(mb / m.cpu).toFixed(0).padStart(9)} ${(m.maxRssKiB / 1024).toFixed(0).padStart(15)}  ${found}`);
  row('bulwark secrets (all rules)', bulwark, `${report.findings.length} (${report.counts.blobs} blobs, ${mb.toFixed(0)} MB)`);

  if (process.env.BENCH_SECRETS_GIT_SECRETS === '0') console.log('git-secrets skipped (BENCH_SECRETS_GIT_SECRETS=0)');
  else if (ensureGitSecrets()) {
    execFileSync('git', ['secrets', '--register-aws'], { cwd: dir });
    const gs = measure('git', ['secrets', '--scan-history'], dir);
    console.log(`after git-secrets: ${load()}`);
    const matches = gs.stdout.split('\n').filter(Boolean).length;
    row('git secrets --scan-history', gs, `${matches} matching lines (AWS patterns only, exit ${gs.code})`);
    console.log(`\nbulwark is ${(gs.seconds / bulwark.seconds).toFixed(1)}× as fast as git-secrets on this repository (wall), ${(gs.cpu / bulwark.cpu).toFixed(1)}× (CPU)`);
  } else console.log('git-secrets could not be installed: no side-by-side figure');
  console.log(`goals: ≥ 50 MB/s ${mb / bulwark.seconds >= 50 ? 'met' : 'NOT met'}; peak RSS ≤ 300 MiB ${bulwark.maxRssKiB / 1024 <= 300 ? 'met' : 'NOT met'}`);
} finally {
  if (!given && process.env.KEEP) console.log(`kept the repository at ${dir}`);
  if (!given && !process.env.KEEP) rmSync(dir, { recursive: true, force: true });
}
