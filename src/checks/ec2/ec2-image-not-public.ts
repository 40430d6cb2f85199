import { defineCheck, fail, pass } from '../../core/check.js';
import { describeRegion, listedOrNone } from '../../inventory/resources.js';
import { unshareImage, IMAGE_ACTIONS } from '../../fixers/ec2.js';

export default defineCheck({
  id: 'ec2-image-not-public',
  title: 'AMIs of the account are not public',
  service: 'ec2',
  severity: 'high',
  checklist: ['AS-21'],
  rationale: 'A public AMI ships its disks to anyone who launches it, often with credentials, keys and internal hostnames baked in.',
  remediation: {
    text: 'Make the image private (remove the "all" launch permission) and turn on block public access for AMIs in every region.',
    cli: 'aws ec2 modify-image-attribute --image-id <ami-id> --launch-permission "Remove=[{Group=all}]"',
    url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-intro.html',
  },
  needs: ['ec2.publicImages'],
  resources: (inventory) => listedOrNone(inventory, inventory.ec2.publicImages, 'ec2:DescribeImages'),
  describe: ({ item }, context) =>
    item ? { id: `arn:${context.account.partition}:ec2:${context.region}::image/${item.imageId}`, type: 'AwsEc2Image', name: item.imageId } : describeRegion(context),
  evaluate: ({ item }, { region }) =>
    item ? fail(`AMI ${item.imageId}${item.name ? ` (${item.name})` : ''} can be launched by anyone`) : pass(`No AMI of the account is public in ${region}`),
  fix: { actions: IMAGE_ACTIONS, plan: ({ item }, { region }) => (item ? [unshareImage(item.imageId, region)] : []) },
});
