/** The permissions `bulwark fix --apply` needs, from what fixers declare: the fix policy is generated from code. */
import type { Check } from './check.js';
import { permissionsOf } from './metadata.js';

/** Every IAM action the fixers of these checks may call, undo included. */
export function fixWritePermissions(checks: readonly Check[]): string[] {
  return [...new Set(checks.flatMap((c) => c.fix?.actions ?? []))].sort();
}

/** A least-privilege policy for fix with these checks: the fixers' writes, and the reads that planning, drift checks and re-checks make. */
export function fixPolicy(checks: readonly Check[]) {
  const fixable = checks.filter((c) => c.fix);
  const reads = permissionsOf([...fixable, ...fixable.map((c) => ({ ...c, needs: c.fix?.needs ?? [] }))], true);
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'BulwarkFixWrites', Effect: 'Allow', Action: fixWritePermissions(fixable), Resource: '*' },
      { Sid: 'BulwarkFixReads', Effect: 'Allow', Action: reads, Resource: '*' },
    ],
  };
}
