/**
 * Inputs fixers need (`--alarm-email`, `--security-contact`, `--budget-usd`, `--trail-bucket`,
 * `--allow-cidr`), validated once here for the flags and the config file's `fix:` section alike.
 */
import { isIP } from 'node:net';
import { z } from 'zod';
import type { FixInputs } from '../core/fix-plan.js';
import { UserError } from '../core/errors.js';
import '../lib/zod-messages.js';

const email = z.email('must be an e-mail address');

/** A CIDR block such as 203.0.113.0/24 or 2001:db8::/32; never the whole internet (that is what is being closed). */
export const cidrSchema = z.string().refine((value) => {
  const [address = '', bits, ...rest] = value.split('/');
  const family = isIP(address);
  if (!family || bits === undefined || rest.length || !/^\d{1,3}$/.test(bits)) return false;
  const n = Number(bits);
  return n >= 1 && n <= (family === 4 ? 32 : 128);
}, 'must be a CIDR block such as 203.0.113.0/24 (not 0.0.0.0/0)');

/** S3 bucket naming rules: 3–63 lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit. */
export const bucketNameSchema = z.string().regex(/^(?!xn--)(?!.*\.\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a valid S3 bucket name (3-63 lower-case letters, digits, dots, hyphens)');

export const securityContactSchema = z.object({ name: z.string().min(1).max(64), email, phone: z.string().regex(/^[+]?[\d\s().-]{5,25}$/, 'must be a phone number such as +1 555 0100') }).strict();

export const fixInputsSchema = z
  .object({
    alarmEmail: email.optional().describe('SNS subscription for the CIS alarms (AS-43), as --alarm-email'),
    securityContact: securityContactSchema.optional().describe('the security alternate contact (AS-46), as --security-contact'),
    budgetUsd: z.number().positive().max(1e9).optional().describe('monthly budget for the cost alert (AS-45), as --budget-usd'),
    trailBucket: bucketNameSchema.optional().describe('bucket for a new CloudTrail trail (AS-40), as --trail-bucket; default derived from the account id'),
    allowCidr: cidrSchema.optional().describe('range that replaces a world-open admin port (AS-30), as --allow-cidr'),
  })
  .strict();

/** The flags as typed, each checked with the same rules as the config keys. */
export function inputsFromFlags(flags: { alarmEmail?: string; securityContact?: string; budgetUsd?: string; trailBucket?: string; allowCidr?: string }): FixInputs {
  const check = <T>(flag: string, schema: z.ZodType<T>, value: unknown): T => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new UserError(`${flag} ${parsed.error.issues[0]?.message ?? 'is invalid'}`);
    return parsed.data;
  };
  let contact: FixInputs['securityContact'];
  if (flags.securityContact !== undefined) {
    const parts = flags.securityContact.split(',').map((p) => p.trim());
    if (parts.length !== 3) throw new UserError('--security-contact takes "NAME,EMAIL,PHONE" (three parts separated by commas)');
    const [name, address, phone] = parts;
    contact = check('--security-contact', securityContactSchema, { name, email: address, phone });
  }
  return {
    ...(flags.alarmEmail !== undefined ? { alarmEmail: check('--alarm-email', email, flags.alarmEmail) } : {}),
    ...(contact ? { securityContact: contact } : {}),
    ...(flags.budgetUsd !== undefined ? { budgetUsd: check('--budget-usd', z.coerce.number().positive().max(1e9, 'must be at most 1e9'), flags.budgetUsd) } : {}),
    ...(flags.trailBucket !== undefined ? { trailBucket: check('--trail-bucket', bucketNameSchema, flags.trailBucket) } : {}),
    ...(flags.allowCidr !== undefined ? { allowCidr: check('--allow-cidr', cidrSchema, flags.allowCidr) } : {}),
  };
}
