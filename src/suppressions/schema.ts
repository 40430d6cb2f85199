/**
 * The suppressions file (`--suppressions`): accepted risks. Each entry names what it matches
 * (all of its fields must match) and why; schemas/suppressions.schema.json is generated from this.
 */
import { z } from 'zod';

const glob = (what: string) => z.string().min(1).describe(`${what}; * matches any run of characters, ? one`);

export const suppressionSchema = z
  .object({
    check: glob('check id, e.g. s3-bucket-not-public or iam-user-*').optional(),
    account: glob('12-digit account id').optional(),
    region: glob('region name, or global for account-wide findings').optional(),
    resource: z
      .string()
      .min(1)
      .optional()
      .describe('resource ARN (or id) glob, or a regular expression between slashes: /^arn:aws:s3:::public-.*$/'),
    tags: z.record(z.string(), z.string()).optional().describe('resource tags that must all be present; values are globs'),
    reason: z.string().trim().min(1, 'say why this risk is accepted').describe('why the risk is accepted; shown with every suppressed finding'),
    expires: z.iso.date('must be a date such as 2027-01-31').optional().describe('last day the suppression applies (UTC); after it the finding counts again'),
  })
  .strict()
  .refine((entry) => entry.check ?? entry.resource ?? entry.tags, { message: 'name a check, a resource or tags to match: an entry with none would hide every finding' });

export const suppressionsFileSchema = z.object({ suppressions: z.array(suppressionSchema) }).strict();

export type SuppressionEntry = z.infer<typeof suppressionSchema>;
