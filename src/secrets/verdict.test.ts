import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/support/run-cli.js';
import { secretsVerdict } from './verdict.js';

describe('secret previews in scan findings', () => {
  it('show at most two characters of a secret under 20 characters, in every format', async () => {
    for (const format of ['console', 'json', 'sarif', 'markdown', 'csv', 'html', 'ocsf', 'asff', 'junit']) {
      const { stdout } = await runCli(['scan', '--demo', '--format', format, '--verbose']);
      const previews = [...stdout.matchAll(/(\S+)… \((\d+) chars\)/g)];
      expect(previews.length, format).toBeGreaterThan(0);
      for (const [, shown, length] of previews) if (Number(length) < 20) expect(shown!.length, `${format}: ${shown}`).toBeLessThanOrEqual(2);
    }
  });

  it('cut previews saved by an older version (four characters of a 12-character password)', () => {
    const outcome = secretsVerdict({ id: 'stack', name: 'legacy', kind: 'CloudFormation stack', hits: [{ type: 'plaintext secret', preview: 'Wint… (12 chars)', name: 'parameter DBPassword' }] });
    expect(JSON.stringify(outcome)).toContain('Wi… (12 chars)');
    expect(JSON.stringify(outcome)).not.toContain('Wint');
  });
});
