import { defineCheck, fail, need, pass, type ResourceSet } from '../../core/check.js';
import { notInInventory } from '../../core/fact.js';
import { perRegion } from '../../inventory/resources.js';
import type { QuotaReading, QuotaUsage } from '../../inventory/schema.js';

export default defineCheck({
  id: 'account-quotas-headroom',
  title: 'Service usage stays well under its quotas',
  service: 'account',
  severity: 'low',
  checklist: ['AS-47'],
  rationale:
    'A quota close to full is an outage waiting to happen, and a sudden jump towards one (vCPUs, Elastic IPs) is a classic sign of stolen credentials running miners.',
  remediation: {
    text: 'Find out why usage grew; clean up unused resources (idle Elastic IPs, empty VPCs, forgotten IAM entities), or request an increase in Service Quotas if the growth is real.',
    url: 'https://docs.aws.amazon.com/servicequotas/latest/userguide/request-quota-increase.html',
  },
  needs: ['quotas.account', 'quotas.regions'],
  resources: (inventory): ResourceSet<QuotaReading>[] => [
    { region: 'global', items: inventory.quotas.account ?? notInInventory('iam:GetAccountSummary') },
    ...perRegion(inventory, inventory.quotas.regions, 'servicequotas:GetServiceQuota'),
  ],
  describe: (quota, { account, region }) => ({ id: `AWS::::Account:${account.id}/quota/${region}/${quota.name}`, type: 'AwsAccount', name: `${quota.name}${region === 'global' ? '' : ` in ${region}`}` }),
  evaluate(reading, { config }) {
    // Each regional quota is its own read: one that failed is UNKNOWN alone.
    const quota = 'notCollected' in reading ? need<QuotaUsage>(reading.notCollected, 'servicequotas:GetServiceQuota') : reading;
    const percent = Math.round((quota.used / quota.limit) * 100);
    const text = `${quota.name}: ${quota.used} of ${quota.limit} (${percent}%)`;
    return percent >= config.thresholds.quotaUsagePercent ? fail(`${text}, at or above ${config.thresholds.quotaUsagePercent}%`) : pass(text);
  },
});
