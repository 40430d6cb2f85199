/**
 * The typed value between `bulwark secrets`' steps: what was scanned, what was found (redacted,
 * with provenance), and what was ignored. Saved with `--format json` and read back by `--baseline`.
 */
import { createHash, scryptSync } from 'node:crypto';
import { z } from 'zod';

const severity = z.enum(['critical', 'high', 'medium']);

export const secretLocationSchema = z.object({ path: z.string(), line: z.number().int(), blob: z.string().optional() }).strict();

export const secretFindingSchema = z
  .object({
    /** Stable across scans and machines: derived from the rule and the value, never reversible to it. */
    fingerprint: z.string(),
    rule: z.string(),
    type: z.string(),
    severity,
    preview: z.string(),
    /** Where to look: the HEAD copy when there is one, else where it was first added. */
    location: secretLocationSchema,
    /** Up to 20 places it was seen (blob versions, files). */
    locations: z.array(secretLocationSchema),
    occurrences: z.number().int(),
    paths: z.array(z.string()),
    commit: z.object({ id: z.string(), author: z.string(), date: z.string() }).strict().optional(),
    inHead: z.boolean().optional(),
    /** The branches, tags, remote refs and stash entries whose history holds it (git history scans). */
    refs: z.array(z.string()).optional(),
    /** Seen only in objects no ref reaches (a reset, a rebase, a dropped stash left them in .git): not in the history a clone gets. */
    unreachable: z.literal(true).optional(),
    accountId: z.string().optional(),
    /** An AWS key id that cannot be one AWS issued, and why (no account is decoded from it). */
    notGenuine: z.string().optional(),
    /** Paired with a secret access key: usable on its own. */
    paired: z.boolean().optional(),
    ignored: z.enum(['bulwarkignore', 'inline', 'baseline']).optional(),
    verification: z.object({ status: z.enum(['live', 'rejected', 'skipped', 'error', 'canary']), arn: z.string().optional(), account: z.string().optional(), detail: z.string().optional() }).strict().optional(),
    account: z
      .object({ user: z.string().optional(), status: z.string().optional(), lastUsed: z.string().optional(), lastService: z.string().optional(), detail: z.string().optional() })
      .strict()
      .optional(),
    next: z.string().optional(),
  })
  .strict();

export const secretsReportSchema = z
  .object({
    tool: z.object({ name: z.literal('bulwark'), version: z.string() }).strict(),
    command: z.literal('secrets'),
    scannedAt: z.string(),
    target: z.object({ kind: z.enum(['git', 'staged', 'files', 'stdin']), path: z.string(), revisions: z.array(z.string()).optional(), since: z.string().optional() }).strict(),
    counts: z
      .object({ blobs: z.number(), bytes: z.number(), binary: z.number(), huge: z.number(), missing: z.number(), unreadable: z.number(), maxBytes: z.number() })
      .strict(),
    warnings: z.array(z.string()),
    summary: z.object({ open: z.number(), ignored: z.object({ bulwarkignore: z.number(), inline: z.number(), baseline: z.number() }).strict() }).strict(),
    findings: z.array(secretFindingSchema),
  })
  .strict();

export type SecretLocation = z.infer<typeof secretLocationSchema>;
export type SecretFinding = z.infer<typeof secretFindingSchema>;
export type SecretsReport = z.infer<typeof secretsReportSchema>;
export type IgnoredBy = NonNullable<SecretFinding['ignored']>;

const fingerprints = new Map<string, string>();

/**
 * `rule:` and 24 hex characters of a hash of the value: the same secret has the same fingerprint
 * everywhere. Generated tokens and keys are too random to guess from a hash; a password someone
 * typed is not, so the generic rule's values go through scrypt, which makes a dictionary slow.
 */
export function fingerprintOf(rule: string, value: string): string {
  const key = `${rule}\0${value}`;
  let fingerprint = fingerprints.get(key);
  if (!fingerprint) {
    const salt = `bulwark-secrets/v1/${rule}`;
    const digest = rule === 'generic-secret' ? scryptSync(value, salt, 12, { N: 2048 }) : createHash('sha256').update(salt).update('\0').update(value).digest();
    fingerprint = `${rule}:${digest.subarray(0, 12).toString('hex')}`;
    fingerprints.set(key, fingerprint);
  }
  return fingerprint;
}

/**
 * How a next step names a found AWS key: never by its full id. A key id is not a secret, but the
 * report hides it like one (its preview), so the id is shown as fix shows key ids (`AKIA…WXYZ`)
 * and a command takes the place where the full id can be read.
 */
export function keyIdPlaceholder(finding: SecretFinding): string {
  return `<the key id at ${finding.location.path}:${finding.location.line}>`;
}
