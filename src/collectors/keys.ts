/** Names of the inventory data a check can need. Kept free of SDK imports so `--help` stays fast. */
export const DATA_KEYS = [
  'iam.credentialReport',
  'iam.passwordPolicy',
  'iam.virtualMfaDevices',
  'iam.authorization',
  'ec2.securityGroups',
] as const;
export type DataKey = (typeof DATA_KEYS)[number];
