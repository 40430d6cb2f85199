import { describe, expect, it } from 'vitest';
import { demoIncident } from '../demo/demo-incident.js';
import { planContainment } from './contain.js';
import { respondPolicy, respondWritePermissions } from './policy.js';

describe('respondPolicy', () => {
  it('allows every action a containment plan calls or undoes, and writes nothing else', async () => {
    const { scope, events } = await demoIncident();
    const withSharing = { ...scope, suspect: { ...scope.suspect, principals: [...scope.suspect.principals, `arn:aws:iam::${scope.account.id}:role/deploy`] }, items: [...scope.items, { kind: 'ec2-snapshot' as const, id: 'snap-1', region: 'eu-west-1', createdAt: scope.since, notes: [], detail: { public: true } }, { kind: 'ec2-image' as const, id: 'ami-1', region: 'eu-west-1', createdAt: scope.since, notes: [], detail: { public: true } }] };
    const plan = planContainment({ scope: withSharing, events, now: new Date(scope.readAt), homeRegion: 'us-east-1' });
    const used = new Set(plan.steps.flatMap((s) => [...s.calls, ...(s.undo ?? [])].map((c) => c.action)));
    const allowed = new Set(respondWritePermissions());
    expect([...used].filter((a) => !allowed.has(a))).toEqual([]);
    expect([...allowed].filter((a) => !used.has(a))).toEqual(['ec2:CreateTags']);
    expect(respondPolicy().Statement[1]?.Action).toContain('iam:GetAccountSummary');
  });
});
