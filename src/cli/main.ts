import { Command, CommanderError, InvalidArgumentError, Option, type OptionValues } from '@commander-js/extra-typings';
import { UserError } from '../core/errors.js';
import { SEVERITIES } from '../core/severity.js';
import { VERSION } from '../version.js';
import { REGION_NAME } from '../aws/partition.js';
import { FORMAT_NAMES } from '../reporters/formats.js';
import { FRAMEWORK_IDS } from '../compliance/framework-ids.js';
import type { Io } from './io.js';
import { describeUnexpected, watchStrayFailures } from './unexpected.js';
import { listFlags, spacedListHint } from './list-hint.js';

const list = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];

function positiveInt(name: string, min: number, max: number) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}`);
    return n;
  };
}

function url(value: string): string {
  try {
    const parsed = new URL(value);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return value;
  } catch {
    // reported below
  }
  throw new InvalidArgumentError('--endpoint-url must be an http(s) URL such as http://localhost:4566');
}

function region(value: string): string {
  if (!REGION_NAME.test(value)) throw new InvalidArgumentError(`"${value}" is not a region name such as eu-west-1`);
  return value;
}
function regionList(value: string, previous: string[] = []): string[] {
  const named = list(value, []);
  if (named.length === 0) throw new InvalidArgumentError('name at least one region, such as eu-west-1 (leave --regions out to scan every enabled region)');
  return [...previous, ...named.map(region)];
}
const accountList = (value: string, previous: string[] = []) =>
  list(value, previous).map((id) => {
    if (!/^\d{12}$/.test(id)) throw new InvalidArgumentError(`"${id}" is not a 12-digit AWS account id`);
    return id;
  });
const ouList = (value: string, previous: string[] = []) =>
  list(value, previous).map((id) => {
    if (!/^(ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}|r-[0-9a-z]{4,32})$/.test(id)) throw new InvalidArgumentError(`"${id}" is not an OU id (ou-…) or root id (r-…)`);
    return id;
  });
/** The parsers of comma-separated flags, for the hint when a list is written with spaces. */
const LIST_PARSERS: ReadonlySet<unknown> = new Set([list, regionList, accountList, ouList]);
function postgresUrl(name: string) {
  return (value: string) => {
    if (!/^postgres(ql)?:\/\//i.test(value)) throw new InvalidArgumentError(`${name} must be a postgres:// URL (credentials may come from PGUSER, PGPASSWORD, …)`);
    return value;
  };
}

/** Credentials, regions and endpoint: the same for every command that reads an account. */
function withAwsOptions<A extends unknown[], O extends OptionValues>(command: Command<A, O>) {
  return command
    .option('-p, --profile <name>', 'AWS profile from the shared config/credentials files')
    .option('--role-arn <arn>', 'assume this role')
    .option('--external-id <id>', 'external id for --role-arn')
    .option('--mfa-serial <arn>', 'MFA device for --role-arn; the code is asked for on the terminal')
    .option('--session-duration <seconds>', 'role session length', positiveInt('--session-duration', 900, 43_200))
    .option('--region <name>', 'region for STS and global services (default: AWS_REGION, else the partition home region)', region)
    .option('--regions <list>', 'only these regions (comma-separated); default: every enabled region', regionList)
    .option('--endpoint-url <url>', 'send every AWS call here (LocalStack, moto)', url);
}

/** How many AWS calls run at once and how long one may take: the same for every command that calls AWS. */
function withCallLimits<A extends unknown[], O extends OptionValues>(command: Command<A, O>, inFlight = 'AWS calls in flight at once') {
  return command
    .option('--concurrency <n>', inFlight, positiveInt('--concurrency', 1, 256), 16)
    .option('--timeout <seconds>', 'give up on one AWS call (retries included) after this long', positiveInt('--timeout', 1, 3600), 60);
}

/** A flag that may be given more than once, collected in order. */
const repeatable = (value: string, previous: string[] = []) => [...previous, value];

/** Which checks run: the same selection for scan and fix. */
function withCheckFilters<A extends unknown[], O extends OptionValues>(command: Command<A, O>) {
  return command
    .option('--checks <ids>', 'only these checks', list)
    .option('--exclude-checks <ids>', 'skip these checks', list)
    .option('--services <names>', 'only checks of these services (iam, ec2, …)', list)
    .option('--severity <levels>', 'only checks of these severities', list)
    .option('--checklist <items>', 'only checks serving these checklist items (AS-05, …)', list);
}

const EXIT_CODES = `
Exit codes:
  0  the scan completed and found no FAIL at or above --fail-on
  1  the scan found FAIL findings at or above --fail-on,
     or, with --fail-on-unknown, any UNKNOWN finding
  2  usage, configuration, input or credential error; nothing could be evaluated
     (every finding UNKNOWN, or no region scanned: the report says why); an
     unexpected error; or --security-hub could not import every finding`;

const FIX_EXIT_CODES = `
Exit codes:
  0  the plan was printed (nothing written), or every step that ran applied and its findings pass
  1  a step applied but its check still fails
  2  a step failed (its dependants were skipped, the rest went on), or a usage, input or credential error`;

const SECRETS_EXIT_CODES = `
Exit codes:
  0  no secret found (ignored ones aside)
  1  at least one secret found
  2  the input cannot be read (no such path, git failed, bad baseline), or a usage error`;

/** Runs the CLI with the given arguments (without `node` and the script) and returns the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const program = new Command()
    .name('bulwark')
    .description('Finds where an AWS account breaks account-security advice, how bad it is, and how to fix it.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError('(run with --help for usage)');

  let code = 0;
  const scanCommand = program
    .command('scan')
    .description('scan an AWS account (read-only), a saved inventory, or the bundled demo account')
    .option('--config <file>', 'thresholds and settings (YAML or JSON); default ./bulwark.config.yaml when present')
    .option('--demo', 'evaluate the bundled, deliberately misconfigured demo account (no credentials needed)')
    .option('--inventory <file>', 'evaluate a saved inventory offline instead of a live account')
    .option('--save-inventory <file>', 'also write the collected inventory as JSON');
  withCallLimits(withCheckFilters(withAwsOptions(scanCommand)))
    .option('-f, --format <formats>', `report formats, comma-separated: ${FORMAT_NAMES.join(', ')} (default console)`, list)
    .option('-o, --output <file>', 'write the report (one format) to a file instead of stdout')
    .option('--output-dir <dir>', 'write each format to its own file here (bulwark.html, bulwark.sarif, …); only the summary prints, the whole console report with --format console')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a FAIL at or above this severity exists (default low)').choices([...SEVERITIES, 'none'] as const))
    .option('--fail-on-unknown', 'exit 1 when any finding is UNKNOWN (a read was denied or failed), as for a FAIL')
    .addOption(new Option('--compliance <framework>', 'the compliance view in console, HTML and markdown (default checklist)').choices(FRAMEWORK_IDS))
    .option('--suppressions <file>', 'accepted risks (YAML or JSON): matching findings become SUPPRESSED and do not fail the scan')
    .option('--security-hub', 'also import the findings into Security Hub (BatchImportFindings: a write, only when asked)')
    .option('--stats', 'add API calls per operation, retries, throttles and time per phase')
    .option('-v, --verbose', 'list passing and not-applicable resources too')
    .option('-q, --quiet', 'print only the summary (counts and the worst findings), no progress or notices; errors still print')
    .option('--no-color', 'never colour the output')
    .option('--org', 'scan every ACTIVE account of the AWS organisation (from the management account or a delegated administrator)')
    .option('--accounts <ids>', 'with --org: only these account ids', accountList)
    .option('--exclude-accounts <ids>', 'with --org: skip these account ids', accountList)
    .option('--ous <ids>', 'with --org: only accounts under these OUs (ou-…, nested OUs included) or the root (r-…)', ouList)
    .option('--member-role <name>', 'with --org: the role to assume in each member account (default BulwarkAudit); --external-id applies to it')
    .option('--account-concurrency <n>', 'with --org: accounts scanned at once (default 4)', positiveInt('--account-concurrency', 1, 64))
    .option('--queue <url>', 'with --org: put one job per account on this PostgreSQL queue (postgres://…) and wait for bulwark worker processes', postgresUrl('--queue'))
    .option('--resume <scan>', 'with --queue: carry on with a run whose coordinator was stopped')
    .option('--job-timeout <seconds>', 'with --queue: a job not finished in this long is taken as lost (its worker died) and run again (default 900)', positiveInt('--job-timeout', 10, 86_400))
    .option('--retry-delay <seconds>', 'with --queue: wait this long before retrying a failed job, doubled each time (default 10)', positiveInt('--retry-delay', 0, 3600))
    .option('--large-account-calls <n>', 'with --queue: split an account whose last scan made this many AWS calls into one job per region group (default 2000)', positiveInt('--large-account-calls', 1, 10_000_000))
    .option('--store <url>', 'keep the scan in this PostgreSQL history store (postgres://…)', postgresUrl('--store'))
    .option('--history-dir <dir>', 'keep the scan in this folder (default for --org: ~/.bulwark/history)')
    .addHelpText('after', EXIT_CODES)
    .action(async (options) => {
      const { scan } = await import('./commands/scan.js');
      const { severity, timeout, ...rest } = options;
      code = await scan({ ...rest, ...(severity ? { severities: severity } : {}), timeoutSeconds: timeout }, io);
    });

  const fixCommand = program
    .command('fix')
    .description('plan repairs for what the scan finds (nothing is written); --apply applies a plan, --undo reverts a journal')
    .option('--config <file>', 'thresholds, settings and fix inputs (YAML or JSON); default ./bulwark.config.yaml when present')
    .option('--demo', 'show the plan for the bundled demo account (never applies)')
    .option('--inventory <file>', 'plan from a saved inventory (review only; apply re-reads live)')
    .option('--from <report>', 'plan for the FAIL findings of a saved findings document (scan --format json), re-read live first')
    .option('--plan <file>', 'a saved plan (fix --format json): print it, or apply exactly it with --apply')
    .option('--apply', 'apply the plan: each step is confirmed on a terminal, re-read for drift, journaled and re-checked')
    .option('-y, --yes', 'confirm every step (needed for --apply and --undo without a terminal)')
    .option('--undo <journal>', 'revert the applied steps of a journal, newest first')
    .option('--journal <file>', 'the journal to append to (default bulwark-fix-<UTC time>.jsonl)')
    .option('--alarm-email <address>', 'SNS subscription for the CIS alarms (AS-43)')
    .option('--security-contact <NAME,EMAIL,PHONE>', 'the security alternate contact (AS-46)')
    .option('--budget-usd <amount>', 'monthly budget for the cost alert (AS-45)')
    .option('--trail-bucket <name>', 'bucket for a new CloudTrail trail (AS-40); default derived from the account id')
    .option('--allow-cidr <cidr>', 'replace a world-open admin port with this range instead of only removing it (AS-30)');
  withCallLimits(withCheckFilters(withAwsOptions(fixCommand)), 'AWS calls (and independent steps) in flight at once')
    .option('--suppressions <file>', 'accepted risks: suppressed findings are not planned')
    .addOption(new Option('--format <format>', 'plan format (default console)').choices(['console', 'json'] as const))
    .option('--output <file>', 'write the plan to a file instead of stdout')
    .option('--no-color', 'never colour the output')
    .addHelpText('after', FIX_EXIT_CODES)
    .action(async (options) => {
      const { fix } = await import('./commands/fix.js');
      const { severity, timeout, ...rest } = options;
      code = await fix({ ...rest, ...(severity ? { severities: severity } : {}), timeoutSeconds: timeout }, io);
    });

  const detectCommand = program
    .command('detect')
    .description('find signs of an account takeover in CloudTrail logs: files and folders, a trail bucket (--s3), LookupEvents (--lookup), or the bundled sample (--demo)')
    .argument('[paths...]', 'log files or folders: .json/.json.gz as a trail writes them, JSON arrays, JSON Lines, the S3 layout')
    .option('--demo', 'read the bundled sample log: one day of a small account with a takeover in it')
    .option('--s3 <url>', 'read a trail bucket in place, s3://bucket/prefix (repeatable)', repeatable)
    .option('--lookup', 'read management events of the last 90 days through LookupEvents (slow: 2 requests/s per region)')
    .option('--since <time>', 'only events from this time: 2026-11-20, 2026-11-20T08:00:00Z, or an age such as 24h, 7d')
    .option('--until <time>', 'only events up to this time (same forms)')
    .option('--rules <dir>', 'also load the Sigma rules in this folder, e.g. a checkout of SigmaHQ rules/cloud/aws (repeatable)', repeatable)
    .option('--no-builtin-rules', 'load only the --rules folders')
    .option('--format <formats>', 'report formats, comma-separated: console, json, ocsf, csv, markdown, html (default console)', list)
    .option('--output <file>', 'write the report (one format) to a file instead of stdout')
    .option('--output-dir <dir>', 'write each format to its own file here; the console summary still prints')
    .addOption(new Option('--fail-on <level>', 'exit 1 when an alert at or above this level exists (default high)').choices([...SEVERITIES, 'none'] as const))
    .option('--workers <n>', 'worker threads that read and match files (default: one per core)', positiveInt('--workers', 0, 64));
  withCallLimits(withAwsOptions(detectCommand), 'S3 downloads and AWS calls in flight at once')
    .option('--no-color', 'never colour the output')
    .addHelpText('after', `
The AWS options are for --s3 and --lookup. --regions: --s3 reads only these regions' folders,
--lookup reads these regions (default: --region; us-east-1 is always read).

Exit codes:
  0  no alert at or above --fail-on
  1  an alert at or above --fail-on (default high)
  2  usage or input error, or nothing could be read`)
    .action(async (paths, options) => {
      const { detect } = await import('./commands/detect.js');
      const { timeout, ...rest } = options;
      code = await detect(paths, { ...rest, timeoutSeconds: timeout }, io);
    });

  const respondCommand = program
    .command('respond')
    .description('when the account may be compromised: what the suspect did and made since a time (read-only), a containment plan (--contain), applied with --apply, journaled, undoable, with a recover checklist and an evidence folder')
    .option('--since <time>', 'the start: an ISO time (2026-11-20T09:00:00Z) or a duration such as 72h, 7d (default with --from: its earliest alert)')
    .option('--access-key <id>', 'the suspect access key, AKIA… (repeatable)', repeatable)
    .option('--principal <arn>', 'a suspect user, role or session ARN (repeatable)', repeatable)
    .option('--from <file>', 'a detect --format json report: the actors of its alerts at medium or above are the suspects')
    .option('--trail-logs <path>', 'read the suspect\'s events from trail log files or folders instead of LookupEvents (repeatable)', repeatable)
    .option('--s3 <url>', 'read the suspect\'s events from a trail bucket, s3://bucket/prefix (repeatable)', repeatable)
    .option('--contain', 'add the containment plan (nothing is changed without --apply)')
    .option('--only <keys>', 'with --contain: only these steps (keys or prefixes such as deactivate-key, stop-instance:eu-west-1)', list)
    .option('--skip <keys>', 'with --contain: leave these steps out (same forms as --only)', list)
    .option('--apply', 'apply the containment plan: each step is asked for, re-read for drift and journaled')
    .option('-y, --yes', 'with --apply or --undo: do not ask per step')
    .option('--undo <journal>', 'revert the applied, reversible steps of a respond journal, newest first')
    .option('--journal <file>', 'the journal to append to (default with --apply: bulwark-respond-<time>.jsonl; with --evidence-dir: journal.jsonl there)')
    .option('--evidence-dir <dir>', 'write the events, the scope, the report, the journal and SHA256SUMS here (never to the account)')
    .option('--ack <items>', `recover items done (journaled): ${['root-password', 'root-mfa', 'rotate-keys', 'review-billing', 'contact-support', 'org-accounts'].join(', ')}`, list)
    .option('--demo', 'the demo incident (the detect demo\'s takeover day): no credentials, never applies');
  withCallLimits(withAwsOptions(respondCommand), 'AWS calls (and independent steps) in flight at once')
    .addOption(new Option('--format <format>', 'report format (default console)').choices(['console', 'json', 'markdown', 'html'] as const))
    .option('--output <file>', 'write the report to a file instead of stdout')
    .option('--no-color', 'never colour the output')
    .addHelpText('after', `
Exit codes:
  0  nothing suspicious found (nothing made since the start, no alert on the suspect's events)
  1  suspicious items found
  2  usage, input or credential error, or a containment step failed`)
    .action(async (options) => {
      const { respond } = await import('./commands/respond.js');
      const { timeout, ...rest } = options;
      code = await respond({ ...rest, timeoutSeconds: timeout }, io);
    });
  respondCommand
    .command('verify-journal')
    .description('check a respond or fix journal\'s SHA-256 chain: exit 1 naming the first line changed, removed or reordered')
    .argument('<file>', 'the journal (JSON Lines)')
    .action(async (file) => {
      const { verifyJournalCommand } = await import('./commands/respond.js');
      code = await verifyJournalCommand(file, io);
    });

  const worker = program
    .command('worker')
    .description('run queued account scans (from scan --org --queue) until stopped; start as many as you like, on any machines')
    .requiredOption('--queue <url>', 'the PostgreSQL queue (postgres://…; PG* variables fill in what the URL leaves out)', postgresUrl('--queue'))
    .option('--account-concurrency <n>', 'accounts this worker scans at once', positiveInt('--account-concurrency', 1, 64), 4)
    .option('--profile <name>', 'AWS profile from the shared config/credentials files')
    .option('--role-arn <arn>', 'assume this role first (e.g. an audit role in the management account)')
    .option('--external-id <id>', 'external id for the member roles (and --role-arn)')
    .option('--session-duration <seconds>', 'role session length', positiveInt('--session-duration', 900, 43_200))
    .option('--region <name>', 'region for STS', region)
    .option('--endpoint-url <url>', 'send every AWS call here (LocalStack, moto)', url);
  withCallLimits(worker, 'AWS calls in flight at once in this worker')
    .action(async (options) => {
      const { workerCommand } = await import('./commands/worker.js');
      const { timeout, ...rest } = options;
      code = await workerCommand({ ...rest, timeoutSeconds: timeout }, io);
    });

  const history = program.command('history').description('scans kept by scan --org (or --store / --history-dir): list, show, migrate');
  const storeOptions = <A extends unknown[]>(command: Command<A>) =>
    command
      .option('--store <url>', 'the PostgreSQL history store (postgres://…)', postgresUrl('--store'))
      .option('--history-dir <dir>', 'the history folder (default ~/.bulwark/history)');
  storeOptions(history.command('list').description('the stored scans, newest first'))
    .option('--limit <n>', 'how many', positiveInt('--limit', 1, 10_000), 20)
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json'] as const).default('table' as const))
    .action(async (options) => {
      const { historyList } = await import('./commands/history.js');
      code = await historyList(options, io);
    });
  storeOptions(history.command('show').description('one stored scan: per account, and its findings document with --format json').argument('<scan>', 'scan id (see history list)'))
    .option('--account <id>', 'only this account')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json'] as const).default('table' as const))
    .action(async (scanId, options) => {
      const { historyShow } = await import('./commands/history.js');
      code = await historyShow(scanId, options, io);
    });
  storeOptions(history.command('trend').description('failures per check per account over the last N scans'))
    .option('--last <n>', 'how many complete scans', positiveInt('--last', 2, 1000), 5)
    .option('--account <id>', 'only this account')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json'] as const).default('table' as const))
    .action(async (options) => {
      const { historyTrend } = await import('./commands/history.js');
      code = await historyTrend(options, io);
    });
  storeOptions(history.command('migrate').description('bring the store\'s schema up to date (also done on first use)')).action(async (options) => {
    const { historyMigrate } = await import('./commands/history.js');
    code = await historyMigrate(options, io);
  });

  const checks = program.command('checks').description('list and explain the checks');
  checks
    .command('list')
    .description('list checks, optionally filtered')
    .option('--service <names>', 'only these services', list)
    .option('--services <names>', 'the same as --service, as scan spells it', list)
    .option('--severity <levels>', 'only these severities', list)
    .option('--checklist <items>', 'only checks serving these checklist items', list)
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json'] as const).default('table' as const))
    .action(async (options) => {
      const { listChecks } = await import('./commands/checks.js');
      code = listChecks(options, io);
    });
  checks
    .command('explain')
    .description('show what a check looks at, why it matters and how to fix it')
    .argument('<id>', 'check id')
    .action(async (id) => {
      const { explainCheck } = await import('./commands/checks.js');
      code = explainCheck(id, io);
    });

  program
    .command('diff')
    .description('compare two findings documents (scan --format json), or two stored scans (ids from history list) account by account: new, resolved and unchanged failures')
    .argument('<old>', 'the earlier report, e.g. from the main branch, or a stored scan id')
    .argument('<new>', 'the later report, or a stored scan id')
    .option('--store <url>', 'with scan ids: the PostgreSQL history store', postgresUrl('--store'))
    .option('--history-dir <dir>', 'with scan ids: the history folder (default ~/.bulwark/history)')
    .addOption(new Option('--fail-on-new <severity>', 'exit 1 when a new FAIL at or above this severity exists').choices(SEVERITIES))
    .addOption(new Option('--format <format>', 'output format').choices(['console', 'json', 'markdown'] as const).default('console' as const))
    .action(async (oldPath, newPath, options) => {
      const { SCAN_ID } = await import('../store/store.js');
      if (SCAN_ID.test(oldPath) && SCAN_ID.test(newPath)) {
        const { historyDiff } = await import('./commands/history.js');
        code = await historyDiff(oldPath, newPath, options, io);
        return;
      }
      const { diffCommand } = await import('./commands/diff.js');
      code = await diffCommand(oldPath, newPath, options, io);
    });

  program
    .command('secrets')
    .description('find leaked AWS keys and other secrets in every blob of a git history, the staged changes, files, or stdin')
    .argument('[path]', 'a repository, a folder, a file, or - for stdin', '.')
    .option('--demo', 'scan a throwaway repository with synthetic secrets (deleted, tag-only, still in HEAD)')
    .option('--branch <ref>', 'only the history of this branch, tag or commit (default: every ref and stash entry)')
    .option('--since <date>', 'only commits made after this date (2024-01-31, "2 weeks ago")')
    .option('--staged', 'only the staged changes (for a pre-commit hook)')
    .option('--no-git', 'scan the files as they are, not the history')
    .option('--max-size <MiB>', 'skip (and count) blobs and files larger than this', positiveInt('--max-size', 1, 4096), 10)
    .option('--baseline <file>', 'an earlier --format json report: report only secrets not in it')
    .addOption(new Option('--format <format>', 'report format').choices(['console', 'json', 'sarif', 'markdown'] as const).default('console' as const))
    .option('--output <file>', 'write the report to a file instead of stdout')
    .option('--verify', 'ask STS whether each AWS key pair found is live (sts:GetCallerIdentity, recorded in the key owner\'s CloudTrail)')
    .option('--verify-accounts <ids>', 'with --verify: only keys whose decoded account is one of these', list)
    .option('--config <file>', 'settings (secrets.canaryAccounts: more canary accounts --verify never calls with); default ./bulwark.config.yaml when present')
    .option('--check-account', 'match AWS keys found with the credential report of the account the credentials reach')
    .option('--profile <name>', 'AWS profile for --check-account')
    .option('--role-arn <arn>', 'role to assume for --check-account')
    .option('--external-id <id>', 'external id for --role-arn')
    .option('--region <name>', 'region for STS and IAM', region)
    .option('--endpoint-url <url>', 'send every AWS call here (LocalStack, moto)', url)
    .option('--threads <n>', 'scanning threads (default: the cores)', positiveInt('--threads', 0, 256))
    .option('--timeout <seconds>', 'give up on one AWS call after this long', positiveInt('--timeout', 1, 3600), 30)
    .option('--no-color', 'never colour the output')
    .addHelpText('after', SECRETS_EXIT_CODES)
    .action(async (path, options) => {
      const { secretsCommand } = await import('./commands/secrets.js');
      const { timeout, ...rest } = options;
      code = await secretsCommand(path, { ...rest, timeoutSeconds: timeout, concurrency: 4 }, io);
    });

  const frameworks = program.command('frameworks').description('compliance frameworks mapped onto the checks');
  frameworks
    .command('list')
    .description('list the frameworks --compliance accepts')
    .action(async () => {
      const { listFrameworks } = await import('./commands/frameworks.js');
      code = listFrameworks(io);
    });
  frameworks
    .command('show')
    .description('list a framework\'s requirements, automated or manual, and the checks that answer each')
    .argument('<id>', 'framework id, e.g. cis-7.0')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json'] as const).default('table' as const))
    .action(async (id, options) => {
      const { showFramework } = await import('./commands/frameworks.js');
      code = showFramework(id, options.format, io);
    });

  program
    .command('permissions')
    .description('print the least-privilege read-only IAM policy for the chosen checks (all by default)')
    .option('--checks <ids>', 'only these checks', list)
    .option('--services <names>', 'only checks of these services', list)
    .option('--checklist <items>', 'only checks serving these checklist items', list)
    .option('--fix', 'print the write policy `bulwark fix --apply` needs for the chosen checks\' fixers instead')
    .action(async ({ fix, ...options }) => {
      const [{ CHECKS }, { selectChecks }, { scanPolicy }, { fixPolicy }] = await Promise.all([import('../checks/index.js'), import('../core/select.js'), import('../core/metadata.js'), import('../core/fix-metadata.js')]);
      const selected = selectChecks(CHECKS, options);
      io.stdout.write(`${JSON.stringify(fix ? fixPolicy(selected) : scanPolicy(selected), null, 2)}\n`);
    });

  const stray = watchStrayFailures(io.stderr, io.env);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return stray.failed ? 2 : code;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.excessArguments') {
        const hint = spacedListHint(argv, listFlags(program, (parse) => LIST_PARSERS.has(parse)));
        if (hint) io.stderr.write(`${hint}\n`);
      }
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof UserError) {
      io.stderr.write(`bulwark: ${error.message}\n`);
      return 2;
    }
    io.stderr.write(`bulwark: unexpected error (a bug in Bulwark, please report it): ${describeUnexpected(error, io.env)}\n`);
    return 2;
  } finally {
    stray.stop();
  }
}
