/** Names of the inventory data a check can need. Kept free of SDK imports so `--help` stays fast. */
export const DATA_KEYS = [
  'iam.credentialReport',
  'iam.passwordPolicy',
  'iam.virtualMfaDevices',
  'iam.authorization',
  'organizations.organization',
  's3.accountPublicAccessBlock',
  's3.buckets',
  'ec2.securityGroups',
  'ec2.instances',
  'ec2.keyPairs',
  'ec2.publicSnapshots',
  'ec2.publicImages',
  'ec2.instanceImages',
  'rds.publicSnapshots',
  'secrets.lambdaFunctions',
  'secrets.userData',
  'secrets.cloudFormationStacks',
  'secrets.ecsTaskDefinitions',
] as const;
export type DataKey = (typeof DATA_KEYS)[number];
