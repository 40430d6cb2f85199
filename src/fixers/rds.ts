/** RDS write steps. */
import type { FixCall, FixStep } from '../core/fix-plan.js';

export const DB_SNAPSHOT_ACTIONS = ['rds:ModifyDBSnapshotAttribute', 'rds:ModifyDBClusterSnapshotAttribute'];

/** Removes `all` from a manual DB or cluster snapshot's restore attribute; named accounts keep their access. */
export function unshareDbSnapshot(snapshot: { id: string; kind: 'instance' | 'cluster' }, region: string): FixStep {
  const cluster = snapshot.kind === 'cluster';
  const call = (change: 'ValuesToAdd' | 'ValuesToRemove'): FixCall => ({
    action: cluster ? 'rds:ModifyDBClusterSnapshotAttribute' : 'rds:ModifyDBSnapshotAttribute',
    input: { [cluster ? 'DBClusterSnapshotIdentifier' : 'DBSnapshotIdentifier']: snapshot.id, AttributeName: 'restore', [change]: ['all'] },
    region,
  });
  return {
    key: `rds:unshare-${cluster ? 'cluster-' : ''}snapshot:${region}:${snapshot.id}`,
    title: `Make ${cluster ? 'cluster snapshot' : 'DB snapshot'} ${snapshot.id} private`,
    before: 'anyone can restore it',
    after: 'only this account and accounts named in its restore attribute',
    calls: [call('ValuesToRemove')],
    undo: [call('ValuesToAdd')],
    risk: 'may-disrupt',
    riskNote: 'accounts that restore it through public access lose it; share it with named accounts if that was intended',
  };
}
