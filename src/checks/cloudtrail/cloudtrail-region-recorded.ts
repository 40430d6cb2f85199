import { defineCheck, fail, pass, unknown } from '../../core/check.js';
import { mapFact, notInInventory } from '../../core/fact.js';
import { describeRegion } from '../../inventory/resources.js';
import type { Trail } from '../../inventory/schema.js';
import { recordRegion, TRAIL_ACTIONS } from '../../fixers/cloudtrail.js';

export default defineCheck({
  id: 'cloudtrail-region-recorded',
  title: 'CloudTrail records all management events in every region',
  service: 'cloudtrail',
  severity: 'high',
  checklist: ['AS-40'],
  rationale:
    'Without a logging trail, nobody can tell what an intruder did: which keys were created, which instances launched, what was deleted. Attackers like unused regions precisely because nobody records them.',
  remediation: {
    text: 'Create one multi-region trail that records read and write management events (an organisation trail covers every account), deliver it to a dedicated bucket, and keep it logging.',
    cli: 'aws cloudtrail create-trail --name account-trail --s3-bucket-name <bucket> --is-multi-region-trail --enable-log-file-validation && aws cloudtrail start-logging --name account-trail',
    url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-create-and-update-a-trail.html',
  },
  needs: ['cloudtrail.trails'],
  resources: (inventory) =>
    inventory.regions.scanned.map((region) => ({ region, items: mapFact(inventory.cloudtrail.trails ?? notInInventory('cloudtrail:ListTrails'), (trails) => [{ trails }]) })),
  describe: (_item, context) => describeRegion(context),
  evaluate({ trails }, { region }) {
    const applying = trails.filter((t) => t.multiRegion || t.homeRegion === region);
    const good = applying.find(records);
    if (good) return pass(`${region} is recorded by trail ${good.name}${good.multiRegion ? ' (multi-region)' : ''}${exclusions(good)}`);
    const unread = applying.filter((t) => t.status.status !== 'collected' || t.managementEvents.status !== 'collected');
    if (unread.length) return unknown(`${region}: the status or event selectors of trail ${unread.map((t) => t.name).join(', ')} could not be read`);
    if (applying.length === 0) return fail(`No trail records ${region}`);
    return fail(`No trail fully records ${region}: ${applying.map((t) => `${t.name} ${problem(t)}`).join('; ')}`);
  },
  fix: {
    actions: TRAIL_ACTIONS,
    plan: ({ trails }, context) => recordRegion(trails, context.region, context),
    // Which trails exist: the plan's own steps change their settings one after another.
    fingerprint: ({ trails }) => trails.map((t) => t.arn).sort(),
  },
});

function records(t: Trail): boolean {
  return t.status.status === 'collected' && t.status.value.isLogging && t.managementEvents.status === 'collected' && t.managementEvents.value.read && t.managementEvents.value.write;
}

function problem(t: Trail): string {
  if (t.status.status === 'collected' && !t.status.value.isLogging) return 'is not logging';
  const m = t.managementEvents.status === 'collected' ? t.managementEvents.value : undefined;
  if (m && !m.read && !m.write) return 'records no management events';
  return `records only ${m?.read ? 'read' : 'write'} management events`;
}

function exclusions(t: Trail): string {
  const excluded = t.managementEvents.status === 'collected' ? t.managementEvents.value.exclusions : [];
  return excluded.length ? ` (excluding ${excluded.join(', ')})` : '';
}
