/**
 * The config file (`--config`, or ./bulwark.config.yaml when present): thresholds and account
 * intentions that checks read. Every field has a documented default, so an empty file is valid.
 */
import { z } from 'zod';
import { SEVERITIES } from '../core/severity.js';
import { REGION_NAME } from '../aws/partition.js';
import { FORMAT_NAMES } from '../reporters/formats.js';
import { FRAMEWORK_IDS } from '../compliance/framework-ids.js';
import { fixInputsSchema } from '../plan/inputs.js';

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
        amiMaxAgeDays: days(180, 'an instance running an AMI older than this misses security updates (AS-32)'),
        recentKeyUseDays: days(30, 'an API-only user whose key was used within this many days is a long-lived service credential (AS-13)'),
        quotaUsagePercent: z.number().int().min(1).max(100).default(80).describe('usage at or above this share of a service quota fails (AS-47)'),
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
    network: z
      .object({
        riskyPorts: z
          .array(z.number().int().min(0).max(65535))
          .default([20, 21, 23, 135, 137, 138, 139, 445, 1433, 1434, 1521, 2049, 2375, 2376, 2379, 3306, 5432, 5500, 5601, 5900, 6379, 7001, 8020, 9042, 9200, 9300, 11211, 27017, 27018])
          .describe('database, cache, search, file-sharing and management ports that must not be open to the internet (AS-31)'),
        webPorts: z.array(z.number().int().min(0).max(65535)).default([80, 443]).describe('ports a public instance may open to the internet (AS-31)'),
      })
      .strict()
      .prefault({}),
    trustedAccounts: z
      .array(z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id'))
      .default([])
      .describe('other accounts of yours that roles may trust without an external id (AS-11)'),
    breakGlassRoles: z
      .array(z.string())
      .default([])
      .describe('role names or ARNs that are meant to be full administrators (not AS-11 failures)'),
    // What a team would otherwise type on every run. Command-line options win over these.
    formats: z.array(z.enum(FORMAT_NAMES)).min(1).optional().describe('report formats, as --format'),
    outputDir: z.string().optional().describe('directory for the reports, as --output-dir (relative to this file)'),
    failOn: z.enum([...SEVERITIES, 'none']).optional().describe('exit 1 on a FAIL at or above this severity, as --fail-on'),
    regions: z.array(z.string().regex(REGION_NAME, 'must be a region name such as eu-west-1')).min(1).optional().describe('regions to scan, as --regions'),
    suppressions: z.string().optional().describe('suppressions file, as --suppressions (relative to this file)'),
    compliance: z.enum(FRAMEWORK_IDS).optional().describe('compliance view, as --compliance'),
    fix: fixInputsSchema.optional().describe('inputs for bulwark fix; its flags win over these'),
    secrets: z
      .object({
        canaryAccounts: z
          .array(z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id'))
          .default([])
          .describe('accounts whose keys are canary tokens (beyond the built-in list): secrets --verify never calls AWS with them'),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
export type Thresholds = Config['thresholds'];

export const DEFAULT_CONFIG: Config = configSchema.parse({});
