import type { Partition } from '../inventory/schema.js';

/** Where a partition's global services (IAM, Organizations) and its region list are read. */
export const HOME_REGION: Record<Partition, string> = {
  aws: 'us-east-1',
  'aws-cn': 'cn-north-1',
  'aws-us-gov': 'us-gov-west-1',
};

export function partitionOfArn(arn: string): Partition {
  const partition = arn.split(':')[1];
  return partition === 'aws-cn' || partition === 'aws-us-gov' ? partition : 'aws';
}
