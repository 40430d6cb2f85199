import { defineCheck, fail, need, pass } from '../../core/check.js';
import { mapFact } from '../../core/fact.js';
import { keyPairs } from '../../inventory/resources.js';
import type { Ec2Instance } from '../../inventory/schema.js';

export default defineCheck({
  id: 'ec2-key-pair-not-shared',
  title: 'Each SSH key pair belongs to one person or purpose',
  service: 'ec2',
  severity: 'medium',
  checklist: ['AS-12'],
  rationale:
    'A master key on many servers, or one public key imported under several names and regions, means one leaked private key opens all of them, and logs cannot tell who used it.',
  remediation: {
    text: 'Give each person (or each automated purpose) its own key pair, or drop SSH keys for EC2 Instance Connect or Systems Manager Session Manager; then replace the shared key on the instances and delete the key pair.',
    cli: 'aws ec2 delete-key-pair --key-name <key-name>',
    url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-key-pairs.html',
  },
  needs: ['ec2.keyPairs', 'ec2.instances'],
  resources: (inventory) =>
    keyPairs(inventory).map((set) => ({
      region: set.region,
      items: mapFact(set.items, (keys) => keys.map((key) => ({ key, instances: inventory.ec2.instances?.[set.region], everyRegion: inventory.ec2.keyPairs ?? {} }))),
    })),
  describe: ({ key }, { account, region }) => ({ id: `arn:${account.partition}:ec2:${region}:${account.id}:key-pair/${key.keyPairId}`, type: 'AwsEc2KeyPair', name: key.keyName }),
  evaluate({ key, instances, everyRegion }, { region, config }) {
    const running = need(instances, 'ec2:DescribeInstances').filter((i) => i.state === 'running' && i.keyName === key.keyName);
    const copies = Object.entries(everyRegion).flatMap(([r, fact]) =>
      fact.status === 'collected' ? fact.value.filter((k) => k.fingerprint === key.fingerprint && !(r === region && k.keyName === key.keyName)).map((k) => `${k.keyName} in ${r}`) : [],
    );
    const limit = config.thresholds.keyPairMaxInstances;
    const problems = [
      running.length >= limit && `is on ${running.length} running instances: ${names(running)}`,
      copies.length > 0 && `is the same public key as ${copies.join(', ')}`,
    ].filter((p): p is string => typeof p === 'string');
    if (problems.length) return fail(`Key pair ${key.keyName} ${problems.join(' and ')}`);
    // Copies in regions that could not be read cannot be ruled out: the message says where it looked.
    const unread = Object.entries(everyRegion).filter(([, fact]) => fact.status !== 'collected').map(([r]) => r);
    const where = unread.length ? ` in the regions that could be read (not ${unread.join(', ')})` : '';
    return pass(`Key pair ${key.keyName} is on ${running.length} running instance${running.length === 1 ? '' : 's'} and not imported elsewhere${where}`);
  },
});

function names(instances: Ec2Instance[]): string {
  const shown = instances.slice(0, 5).map((i) => (i.name ? `${i.instanceId} (${i.name})` : i.instanceId));
  return shown.join(', ') + (instances.length > 5 ? ` and ${instances.length - 5} more` : '');
}
