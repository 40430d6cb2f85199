/**
 * The config file (`--config`, or ./bulwark.config.yaml when present): thresholds and account
 * intentions that checks read. Every field has a documented default, so an empty file is valid.
 */
import { z } from 'zod';

const days = (fallback: number, what: string) => z.number().int().min(1).max(3650).default(fallback).describe(what);

export const configSchema = z
  .object({
    thresholds: z
      .object({
        accessKeyMaxAgeDays: days(90, 'an active access key older than this must be rotated (AS-07)'),
        accessKeyUnusedDays: days(90, 'an active access key unused for this long is stale (AS-08)'),
        newKeyGraceDays: days(7, 'a never-used access key older than this is stale (AS-08)'),
        passwordMaxAgeDays: days(90, 'a console password older than this must be changed (AS-09)'),
        consoleUnusedDays: days(90, 'a console user who has not signed in for this long is stale (AS-09)'),
        rootUseWindowDays: days(90, 'root used within this many days is daily work (AS-04)'),
        recentKeyUseDays: days(30, 'an API-only user whose key was used within this many days is a long-lived service credential (AS-13)'),
        keyPairMaxInstances: z.number().int().min(2).max(1000).default(3).describe('one key pair on this many running instances is a shared key (AS-12)'),
      })
      .strict()
      .prefault({}),
    passwordPolicy: z
      .object({
        minLength: z.number().int().min(6).max(128).default(14),
        reusePrevention: z.number().int().min(1).max(24).default(24),
        maxAgeDays: z.number().int().min(1).max(1095).default(90),
        requireUppercase: z.boolean().default(true),
        requireLowercase: z.boolean().default(true),
        requireNumbers: z.boolean().default(true),
        requireSymbols: z.boolean().default(true),
      })
      .strict()
      .prefault({})
      .describe('the password policy an account must meet (AS-10)'),
    trustedAccounts: z
      .array(z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id'))
      .default([])
      .describe('other accounts of yours that roles may trust without an external id (AS-11)'),
    breakGlassRoles: z
      .array(z.string())
      .default([])
      .describe('role names or ARNs that are meant to be full administrators (not AS-11 failures)'),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
export type Thresholds = Config['thresholds'];

export const DEFAULT_CONFIG: Config = configSchema.parse({});
