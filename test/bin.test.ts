/** The built CLI as users run it: a real process, real streams, no TTY. */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const CLI = 'dist/cli.js';

describe('dist/cli.js', () => {
  it('is built (npm ci builds it through the prepare script)', () => {
    expect(existsSync(CLI), 'run npm run build').toBe(true);
  });

  it('runs the demo scan and exits 1 on its failures, without colour or SDK warnings when piped', async () => {
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' };
    const error = (await run(process.execPath, [CLI, 'scan', '--demo'], { env }).catch((e: unknown) => e)) as { code: number; stdout: string; stderr: string };
    expect(error.code).toBe(1);
    expect(error.stdout).toMatch(/^Bulwark \d+\.\d+\.\d+ · {2}DEMO {2}sample account 111122223333/);
    expect(error.stderr).toBe('');
    expect(error.stdout).not.toContain('\u001b[');
  });

  it('prints help and runs the offline demo without importing the AWS SDK', async () => {
    const traced = (...args: string[]) => run(process.execPath, ['--import', './test/support/trace-imports.mjs', CLI, ...args]).catch((e: { stdout: string; stderr: string }) => e);
    const help = await traced('--help');
    expect(help.stdout).toMatch(/Usage: bulwark/);
    expect(help.stderr).toBe('');
    expect((await traced('scan', '--demo')).stderr).toBe('');
  });

  it('imports only the SDK clients the selected checks need, loading them while STS answers', async () => {
    const env = { PATH: process.env.PATH ?? '', AWS_ACCESS_KEY_ID: 'AKIDFAKE', AWS_SECRET_ACCESS_KEY: 'fake', AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent', AWS_EC2_METADATA_DISABLED: 'true' };
    // Port 9 on loopback refuses: the scan stops at STS with a one-line error.
    const result = (await run(process.execPath, ['--import', './test/support/trace-imports.mjs', CLI, 'scan', '--endpoint-url', 'http://127.0.0.1:9', '--timeout', '2', '--services', 'iam'], { env }).catch((e: unknown) => e)) as { code: number; stderr: string };
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n').filter((l) => l.startsWith('imported')).sort()).toEqual([
      // EC2 lists the regions; the IAM checks read IAM and Organizations.
      'imported @aws-sdk/client-ec2',
      'imported @aws-sdk/client-iam',
      'imported @aws-sdk/client-organizations',
      'imported @aws-sdk/client-sts',
      'imported @aws-sdk/credential-providers',
    ]);
    expect(result.stderr).toMatch(/bulwark: cannot reach AWS STS at http:\/\/127\.0\.0\.1:9 \(/);
  });
});
