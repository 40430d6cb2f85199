/**
 * The readers' declared operations are what they call (so the generated read-only policy cannot
 * drift from the code), and the scope never writes: every command and paginator a scope file
 * uses is a read.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { respondReadPermissions, SCOPE_READERS } from './index.js';

const DIR = import.meta.dirname;
const FILES: Record<string, string> = { iam: 'iam.ts', organizations: 'organizations.ts', 's3 bucket policies': 'bucket-policies.ts', ec2: 'ec2.ts', 'ec2 security groups': 'ec2-security-groups.ts', 'ec2 snapshots and images': 'ec2-sharing.ts', lambda: 'lambda.ts', ecs: 'ecs.ts' };
const callsIn = (text: string) => [...text.matchAll(/\b(?:paginate([A-Z]\w+)\b|([A-Z]\w+)Command\b)/g)].map((m) => m[1] ?? m[2]!);

describe('scope readers', () => {
  it.each(SCOPE_READERS.map((r) => [r.name, r] as const))('%s declares every operation it calls', (name, reader) => {
    const text = readFileSync(join(DIR, FILES[name]!), 'utf8');
    const declared = reader.operations.map((op) => op.split(':')[1]);
    expect(callsIn(text).filter((op) => !declared.includes(op))).toEqual([]);
  });

  it('every file of the scope uses reads only', () => {
    const files = [...readdirSync(DIR).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => join(DIR, f)), join(DIR, '..', 'read-scope.ts')];
    const calls = files.flatMap((f) => callsIn(readFileSync(f, 'utf8')));
    expect(calls.length).toBeGreaterThan(10);
    expect(calls.filter((c) => !/^(Get|List|Describe|Lookup)[A-Z]/.test(c))).toEqual([]);
  });

  it('the policy holds the permissions of every reader, the events and the cost', () => {
    expect(respondReadPermissions()).toEqual(expect.arrayContaining(['iam:GetAccountAuthorizationDetails', 'ec2:DescribeSecurityGroupRules', 'ce:GetCostAndUsage', 'cloudtrail:LookupEvents', 's3:ListBucket']) as string[]);
  });
});
