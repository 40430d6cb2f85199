import { defineCheck, fail, need, notApplicable, pass } from '../../core/check.js';
import { mapFact } from '../../core/fact.js';
import { describeInstance, instances } from '../../inventory/resources.js';
import { day, daysSince } from '../../lib/dates.js';

export default defineCheck({
  id: 'ec2-instance-ami-current',
  title: 'Running instances use a recent, existing AMI',
  service: 'ec2',
  severity: 'medium',
  checklist: ['AS-32'],
  rationale:
    'An instance built from an old image starts with every vulnerability fixed since, and one whose AMI no longer exists cannot be rebuilt from a known state. Both are how servers stop getting security updates.',
  remediation: {
    text: 'Rebuild the instance from a current AMI (the latest Amazon Linux or Ubuntu image, or your own pipeline\'s), or patch it in place with Systems Manager Patch Manager and bake a new image.',
    url: 'https://docs.aws.amazon.com/systems-manager/latest/userguide/patch-manager.html',
  },
  needs: ['ec2.instances', 'ec2.instanceImages'],
  resources: (inventory) =>
    instances(inventory).map((set) => ({
      region: set.region,
      items: mapFact(set.items, (list) => list.map((instance) => ({ instance, images: inventory.ec2.instanceImages?.[set.region] }))),
    })),
  describe: ({ instance }, context) => describeInstance(instance, context),
  evaluate({ instance, images }, { now, config }) {
    const label = `Instance ${instance.instanceId}${instance.name ? ` (${instance.name})` : ''}`;
    if (instance.state !== 'running') return notApplicable(`${label} is ${instance.state}`);
    const image = need(images, 'ec2:DescribeImages').find((i) => i.imageId === instance.imageId);
    // DescribeImages shows every image the account may launch: absent means deregistered or no longer shared.
    if (!image) return fail(`${label} runs ${instance.imageId}, an AMI that no longer exists or is no longer shared with the account`);
    if (!image.createdAt) return fail(`${label} runs ${instance.imageId}, whose creation date AWS does not report`);
    const limit = config.thresholds.amiMaxAgeDays;
    const age = daysSince(image.createdAt, now);
    return age > limit
      ? fail(`${label} runs ${image.imageId}${image.name ? ` (${image.name})` : ''}, built ${day(image.createdAt)}: ${age} days old (limit ${limit})`)
      : pass(`${label} runs ${image.imageId}, ${age} days old`);
  },
});
