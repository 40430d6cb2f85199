/**
 * Collection benchmark: full live scans against the local AWS look-alike with a fixed latency per
 * call, on synthetic accounts of growing size. Prints wall time, API calls per service and calls
 * per resource, so a collector that starts calling per user or per group shows up at once.
 *
 *   npm run bench                      # 50 ms per call
 *   BENCH_LATENCY_MS=100 npm run bench
 */
import { main } from '../src/cli/main.js';
import { startFakeAws } from '../test/support/fake-aws.js';
import { simulatedAccount, type SimulatedAccount } from '../test/support/simulated-account.js';

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const ALL_REGIONS = [
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-southeast-1', 'ap-southeast-2', 'ca-central-1',
  'eu-central-1', 'eu-north-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'sa-east-1', 'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
];

const SCENARIOS: (SimulatedAccount & { name: string })[] = [
  { name: 'small', users: 10, regions: ALL_REGIONS.slice(0, 4), groupsPerRegion: 10, instancesPerRegion: 5, buckets: 20 },
  { name: 'medium', users: 1_000, regions: ALL_REGIONS, groupsPerRegion: 100, instancesPerRegion: 50, buckets: 200 },
  { name: 'large', users: 10_000, regions: ALL_REGIONS, groupsPerRegion: 2_500, instancesPerRegion: 200, buckets: 1_000 },
];

interface Stats {
  totalCalls: number;
  operations: { operation: string; calls: number }[];
  phasesMs: Record<string, number>;
}

Object.assign(process.env, {
  AWS_ACCESS_KEY_ID: 'AKIDBENCHMARK',
  AWS_SECRET_ACCESS_KEY: 'benchmark',
  AWS_CONFIG_FILE: '/nonexistent',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
});

const rows: string[][] = [];
for (const scenario of SCENARIOS) {
  const fake = await startFakeAws(simulatedAccount(scenario), { latencyMs: LATENCY_MS });
  let stdout = '';
  const started = performance.now();
  const code = await main(['scan', '--endpoint-url', fake.url, '--stats', '--format', 'json', '--fail-on', 'none'], {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: () => true },
    env: { AWS_REGION: 'us-east-1' },
    stdinIsTTY: false,
  });
  const wallMs = performance.now() - started;
  await fake.close();
  if (code !== 0) throw new Error(`scenario ${scenario.name} exited ${code}`);
  const stats = (JSON.parse(stdout) as { stats: Stats }).stats;
  const calls = (prefix: string) => stats.operations.filter((o) => o.operation.startsWith(prefix)).reduce((n, o) => n + o.calls, 0);
  const groups = scenario.regions.length * scenario.groupsPerRegion;
  rows.push([
    scenario.name,
    String(scenario.users),
    `${scenario.regions.length}×${scenario.groupsPerRegion}`,
    `${(wallMs / 1000).toFixed(2)} s`,
    `${((stats.phasesMs.collect ?? 0) / 1000).toFixed(2)} / ${((stats.phasesMs.evaluate ?? 0) / 1000).toFixed(2)} s`,
    String(stats.totalCalls),
    String(calls('iam:')),
    String(calls('iam:GetAccountAuthorizationDetails')),
    String(calls('ec2:DescribeSecurityGroups')),
    (calls('ec2:') / scenario.regions.length).toFixed(2),
    ((calls('ec2:') - calls('ec2:DescribeInstanceAttribute')) / scenario.regions.length).toFixed(2),
    (calls('s3:') / (scenario.buckets ?? 1)).toFixed(2),
    (calls('iam:') / scenario.users).toFixed(4),
    (calls('ec2:DescribeSecurityGroups') / scenario.regions.length).toFixed(2),
    (calls('ec2:DescribeSecurityGroups') / groups).toFixed(4),
  ]);
}

const header = ['account', 'IAM users', 'regions×SGs', 'wall', 'collect / evaluate', 'API calls', 'IAM calls', 'of which GAAD pages', 'SG calls', 'EC2 calls/region', 'EC2 w/o user data/region', 'S3 calls/bucket', 'IAM/user', 'SG calls/region', 'SG calls/group'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i] ?? 0)).join('  ');
process.stdout.write(`Bulwark collection benchmark · ${LATENCY_MS} ms per AWS call · concurrency 16\n${line(header)}\n${rows.map(line).join('\n')}\n`);
