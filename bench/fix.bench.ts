/**
 * Fix benchmark: plan, apply and undo the deactivation of 1,000 stale access keys against the
 * stateful AWS look-alike with a fixed latency per call. Shows that independent steps run in
 * parallel under --concurrency and that the drift check reads the account once, not once per step.
 *
 *   npm run bench                      # 50 ms per call
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../src/cli/main.js';
import { startStatefulAws } from '../test/support/stateful/index.js';

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const USERS = 1_000;
Object.assign(process.env, {
  AWS_ACCESS_KEY_ID: 'AKIDBENCHMARK',
  AWS_SECRET_ACCESS_KEY: 'benchmark',
  AWS_CONFIG_FILE: '/nonexistent',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_REGION: 'us-east-1',
});

const old = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
const users = Array.from({ length: USERS }, (_, i) => ({
  name: `svc-${i}`,
  created: old(900),
  keys: [{ id: `AKIABENCH${String(i).padStart(11, '0')}`, status: 'Active' as const, created: old(800), lastUsed: { date: old(300), region: 'eu-west-1', service: 's3' } }],
}));
const aws = await startStatefulAws({ regions: ['eu-west-1'], seed: { iam: { users } }, latencyMs: LATENCY_MS });
const dir = mkdtempSync(join(tmpdir(), 'bulwark-fix-bench-'));
const quiet = { write: () => true, isTTY: false };
const io = { stdout: quiet, stderr: quiet, env: process.env, stdinIsTTY: false };
const base = ['--endpoint-url', aws.url, '--regions', 'eu-west-1', '--checks', 'iam-user-access-keys-used'];

async function timed(label: string, args: string[]) {
  const before = aws.requests.length;
  const started = performance.now();
  const code = await main(args, io);
  const seconds = (performance.now() - started) / 1000;
  console.log(`${label.padEnd(34)} ${seconds.toFixed(1).padStart(6)} s ${String(aws.requests.length - before).padStart(6)} calls  exit ${code}`);
}

console.log(`bulwark fix: ${USERS} stale access keys, ${LATENCY_MS} ms per call, --concurrency 16`);
const plan = join(dir, 'plan.json');
const journal = join(dir, 'journal.jsonl');
await timed('plan (collect + evaluate + plan)', ['fix', ...base, '--format', 'json', '--output', plan]);
await timed('apply (drift read + 1,000 steps + re-check)', ['fix', ...base, '--plan', plan, '--apply', '--yes', '--journal', journal]);
await timed('undo (1,000 steps + re-check)', ['fix', ...base, '--undo', journal, '--yes']);
console.log(`memory: ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB RSS`);
await aws.close();
