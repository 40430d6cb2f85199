import type { Collector } from './collector.js';
import type { DataKey } from './keys.js';
import { credentialReport } from './iam/credential-report.js';
import { securityGroups } from './ec2/security-groups.js';
import { instances, keyPairs } from './ec2/instances.js';
import { instanceImages, publicImages, publicSnapshots } from './ec2/images.js';
import { securityGroupUse, snapshotBlockPublicAccess } from './ec2/network-interfaces.js';
import { rdsPublicSnapshots } from './rds/snapshots.js';
import { cloudFormationStacks, ecsTaskDefinitions, lambdaFunctions, userData } from './secrets/configuration.js';
import { trailBuckets, trails } from './monitoring/cloudtrail.js';
import { guardDuty } from './monitoring/guardduty.js';
import { billing, securityContact } from './monitoring/account.js';
import { alarms, metricFilters } from './monitoring/alarms.js';
import { kmsKeys } from './monitoring/kms.js';
import { guardRails } from './monitoring/guard-rails.js';
import { accountQuotas, regionQuotas, trustedAdvisor } from './monitoring/quotas.js';
import { passwordPolicy, virtualMfaDevices } from './iam/account.js';
import { authorization } from './iam/authorization.js';
import { accessKeys } from './iam/access-keys.js';
import { rootCredentialsManagement, rootSummary } from './iam/root.js';
import { organization } from './organizations/organization.js';
import { accountPublicAccessBlock, bucketTags, buckets } from './s3/buckets.js';

/** Every collector, by the data it provides. The SDK itself is imported only when one runs. */
export const COLLECTORS: Record<DataKey, Collector> = {
  'iam.credentialReport': credentialReport,
  'iam.passwordPolicy': passwordPolicy,
  'iam.virtualMfaDevices': virtualMfaDevices,
  'iam.authorization': authorization,
  'iam.accessKeys': accessKeys,
  'iam.rootSummary': rootSummary,
  'iam.rootCredentialsManagement': rootCredentialsManagement,
  'organizations.organization': organization,
  's3.accountPublicAccessBlock': accountPublicAccessBlock,
  's3.buckets': buckets,
  's3.bucketTags': bucketTags,
  'ec2.securityGroups': securityGroups,
  'ec2.instances': instances,
  'ec2.keyPairs': keyPairs,
  'ec2.publicSnapshots': publicSnapshots,
  'ec2.publicImages': publicImages,
  'ec2.instanceImages': instanceImages,
  'ec2.securityGroupUse': securityGroupUse,
  'ec2.snapshotBlockPublicAccess': snapshotBlockPublicAccess,
  'rds.publicSnapshots': rdsPublicSnapshots,
  'secrets.lambdaFunctions': lambdaFunctions,
  'secrets.userData': userData,
  'secrets.cloudFormationStacks': cloudFormationStacks,
  'secrets.ecsTaskDefinitions': ecsTaskDefinitions,
  'cloudtrail.trails': trails,
  'cloudtrail.trailBuckets': trailBuckets,
  'monitoring.metricFilters': metricFilters,
  'monitoring.alarms': alarms,
  'guardduty.regions': guardDuty,
  'kms.keys': kmsKeys,
  'guardRails.regions': guardRails,
  'quotas.account': accountQuotas,
  'quotas.regions': regionQuotas,
  'quotas.trustedAdvisor': trustedAdvisor,
  'accountSettings.securityContact': securityContact,
  'accountSettings.billing': billing,
};
