/** STS: who the caller is. */
import { callerIdentity } from '../../fake-aws.js';
import type { StatefulService } from '../world.js';

const sts: StatefulService = {
  name: 'sts',
  handle: (request, world) => (request.service === 'sts' && request.action === 'GetCallerIdentity' ? callerIdentity(world.account, world.callerArn) : undefined),
};
export default sts;
