import type { Partition } from '../inventory/schema.js';

/** The shape of a region name (eu-west-1, us-gov-west-1, cn-north-1): a misspelling fails before any call. */
export const REGION_NAME = /^[a-z]{2,4}(-[a-z]+)+-\d+$/;

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
