/** `bulwark secrets`: scan → (verify) → (check the account) → report → exit code. */
import { UserError } from '../../core/errors.js';
import { scanSecrets, summarise } from '../../secrets/scan.js';
import type { SecretsReport } from '../../secrets/findings.js';
import { renderSecretsConsole } from '../../secrets/report/console.js';
import { renderSecretsMarkdown } from '../../secrets/report/markdown.js';
import { renderSecretsSarif } from '../../secrets/report/sarif.js';
import { colorsFor, type Io } from '../io.js';
import type { LiveOptions } from '../live.js';

export const SECRETS_FORMATS = ['console', 'json', 'sarif', 'markdown'] as const;
export type SecretsFormat = (typeof SECRETS_FORMATS)[number];

export interface SecretsOptions extends Omit<LiveOptions, 'regions'> {
  readonly branch?: string;
  readonly since?: string;
  readonly staged?: boolean;
  readonly git: boolean;
  readonly maxSize: number;
  readonly baseline?: string;
  readonly format: SecretsFormat;
  readonly output?: string;
  readonly verify?: boolean;
  readonly verifyAccounts?: string[];
  readonly checkAccount?: boolean;
  readonly threads?: number;
  readonly color: boolean;
  readonly demo?: boolean;
  /** The config file (`secrets.canaryAccounts`), read for --verify. */
  readonly config?: string;
}

export async function secretsCommand(path: string, options: SecretsOptions, io: Io): Promise<number> {
  if (options.staged && (options.branch || options.since)) throw new UserError('--staged scans the index: it cannot be combined with --branch or --since');
  if (options.staged && !options.git) throw new UserError('--staged reads the git index: it cannot be combined with --no-git');
  if (options.verifyAccounts && !options.verify) throw new UserError('--verify-accounts limits --verify: pass --verify too');
  if (options.since && Number.isNaN(Date.parse(options.since)) && !/^\d+\.(?:days?|weeks?|months?|years?)(?:\.ago)?$|ago$/.test(options.since)) {
    throw new UserError(`--since "${options.since}" is not a date: use 2024-01-31 or "2 weeks ago"`);
  }
  if (options.demo) {
    const { demoRepository } = await import('../../secrets/demo.js');
    path = await demoRepository();
    io.stderr.write(`Demo: scanning a throwaway repository with synthetic secrets at ${path}\n`);
  }
  const progress = io.stderr.isTTY ? (c: { blobs: number; bytes: number }) => io.stderr.write(`\rScanning: ${c.blobs} blobs, ${(c.bytes / 1e6).toFixed(0)} MB`) : undefined;
  const { report, secrets } = await scanSecrets({
    path,
    ...(options.branch ? { branch: options.branch } : {}),
    ...(options.since ? { since: options.since } : {}),
    ...(options.staged ? { staged: true } : {}),
    noGit: !options.git,
    maxBytes: options.maxSize * 1024 * 1024,
    ...(options.baseline ? { baseline: options.baseline } : {}),
    ...(options.threads !== undefined ? { threads: options.threads } : {}),
    ...(io.stdin ? { stdin: io.stdin } : {}),
    now: io.now?.() ?? new Date(),
    warn: (message) => io.stderr.write(`${progress ? '\r\x1b[K' : ''}warning: ${message}\n`),
    ...(progress ? { progress } : {}),
  });
  if (progress) io.stderr.write('\r\x1b[K');
  const region = options.region ?? io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION ?? 'us-east-1';

  if (options.verify) {
    const { verifyPlan, describePlan, verifyKeys } = await import('../../secrets/verify.js');
    const { loadConfig } = await import('../../config/load.js');
    const { config } = await loadConfig(options.config, process.cwd());
    const plan = verifyPlan(secrets, options.verifyAccounts, config.secrets.canaryAccounts);
    io.stderr.write(describePlan(plan));
    await verifyKeys(plan.call, { ...(options.verifyAccounts ? { accounts: options.verifyAccounts } : {}), region, ...(options.endpointUrl ? { endpointUrl: options.endpointUrl } : {}), env: io.env, timeoutSeconds: options.timeoutSeconds });
  }
  if (options.checkAccount && secrets.some((s) => s.keyId)) {
    // Loaded only here: a pre-commit hook's scan should not pay for the AWS clients' start-up.
    const [{ checkAccountKeys }, { connectAws }, { whoAmI }, { CallStats }] = await Promise.all([import('../../secrets/account-check.js'), import('../live.js'), import('../../aws/identity.js'), import('../../aws/stats.js')]);
    const { aws, stsRegion } = await connectAws(options, io, new CallStats());
    const account = await whoAmI(aws, stsRegion);
    io.stderr.write(`Matching AWS keys with account ${account.id} (credential report, iam:GetAccessKeyLastUsed, iam:ListAccessKeys; read-only)\n`);
    await checkAccountKeys(aws, stsRegion, account.id, secrets);
  }

  // Verification and the account check fill in the findings: the summary is computed again.
  const final = summarise({ target: report.target, counts: report.counts, warnings: report.warnings, findings: secrets.map((s) => s.finding), now: new Date(report.scannedAt) });
  const text = render(final, options.format, colorsFor(options.output ? { write: () => true } : io.stdout, io.env, options.color));
  if (options.output) {
    const { writeTextFile } = await import('../outputs.js');
    await writeTextFile(options.output, text);
    io.stderr.write(`Report written to ${options.output}\n`);
    if (options.format !== 'console') io.stderr.write(renderSecretsConsole(final, colorsFor(io.stderr, io.env, options.color)).split('\n').filter((l) => l.startsWith('Summary: ')).join('\n') + '\n');
  } else io.stdout.write(text);
  return final.summary.open > 0 ? 1 : 0;
}

function render(report: SecretsReport, format: SecretsFormat, colors: ReturnType<typeof colorsFor>): string {
  switch (format) {
    case 'console': return renderSecretsConsole(report, colors);
    case 'json': return `${JSON.stringify(report, null, 2)}\n`;
    case 'sarif': return renderSecretsSarif(report);
    case 'markdown': return renderSecretsMarkdown(report);
  }
}
