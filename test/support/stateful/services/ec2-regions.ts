/** EC2 DescribeRegions: the account's enabled regions. */
import { regionsResult } from '../../fake-aws.js';
import type { StatefulService } from '../world.js';

const regions: StatefulService = {
  name: 'ec2-regions',
  handle: (request, world) =>
    request.service === 'ec2' && request.action === 'DescribeRegions' ? regionsResult(Object.fromEntries(world.regions.map((r) => [r, 'opt-in-not-required' as const]))) : undefined,
};
export default regions;
