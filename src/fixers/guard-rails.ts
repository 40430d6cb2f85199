/** Regional detective services: GuardDuty, Security Hub, IAM Access Analyzer. */
import type { FixStep } from '../core/fix-plan.js';
import type { GuardDutyRegion } from '../inventory/schema.js';

/** Turning a service on may create its service-linked role. */
export const GUARDDUTY_ACTIONS = ['guardduty:CreateDetector', 'guardduty:UpdateDetector', 'iam:CreateServiceLinkedRole'];
export const SECURITY_HUB_ACTIONS = ['securityhub:EnableSecurityHub', 'securityhub:DisableSecurityHub', 'iam:CreateServiceLinkedRole'];
export const ANALYZER_ACTIONS = ['access-analyzer:CreateAnalyzer', 'access-analyzer:DeleteAnalyzer', 'iam:CreateServiceLinkedRole'];

const GUARDDUTY_PRICE =
  'costs money: GuardDuty bills per million CloudTrail management events and per GB of VPC Flow Logs and DNS query logs it analyses, after a 30-day free trial per region';

/** Turns a disabled detector back on (reversible), or creates one (irreversible here: its id is known only once created). */
export function enableGuardDuty(state: GuardDutyRegion, region: string): FixStep {
  const disabled = state.detectors[0];
  if (disabled) {
    const update = (Enable: boolean) => ({ action: 'guardduty:UpdateDetector', input: { DetectorId: disabled.id, Enable }, region });
    return {
      key: `guardduty:enable-detector:${region}`,
      title: `Re-enable GuardDuty detector ${disabled.id} in ${region}`,
      before: `detector ${disabled.id} is ${disabled.status.toLowerCase()}`,
      after: 'enabled: GuardDuty analyses CloudTrail, VPC Flow Logs and DNS logs of the region',
      calls: [update(true)],
      undo: [update(false)],
      risk: 'costs-money',
      riskNote: GUARDDUTY_PRICE,
    };
  }
  return {
    key: `guardduty:enable-detector:${region}`,
    title: `Turn on GuardDuty in ${region}`,
    before: 'no detector',
    after: 'an enabled detector, publishing findings every 6 hours',
    calls: [{ action: 'guardduty:CreateDetector', input: { Enable: true, FindingPublishingFrequency: 'SIX_HOURS' }, region }],
    risk: 'costs-money',
    riskNote: `${GUARDDUTY_PRICE}; to stop it later, suspend or delete the detector (aws guardduty delete-detector)`,
  };
}

export function enableSecurityHub(region: string): FixStep {
  return {
    key: `securityhub:enable-hub:${region}`,
    title: `Turn on Security Hub in ${region}`,
    before: 'Security Hub is off',
    after: 'Security Hub on with the default standards (AWS Foundational Security Best Practices, CIS)',
    calls: [{ action: 'securityhub:EnableSecurityHub', input: { EnableDefaultStandards: true }, region }],
    undo: [{ action: 'securityhub:DisableSecurityHub', input: {}, region }],
    risk: 'costs-money',
    riskNote: 'costs money: Security Hub bills per security check run and per finding ingested beyond 10,000 a month, after a 30-day free trial; it also needs AWS Config recording for most checks',
  };
}

export const ANALYZER_NAME = 'bulwark-account-analyzer';

export function createAccessAnalyzer(region: string): FixStep {
  return {
    key: `access-analyzer:create-analyzer:${region}`,
    title: `Create the IAM Access Analyzer analyzer ${ANALYZER_NAME} in ${region}`,
    before: 'no analyzer',
    after: 'an account analyzer reporting resources shared outside the account',
    calls: [{ action: 'access-analyzer:CreateAnalyzer', input: { analyzerName: ANALYZER_NAME, type: 'ACCOUNT' }, region }],
    undo: [{ action: 'access-analyzer:DeleteAnalyzer', input: { analyzerName: ANALYZER_NAME }, region }],
    risk: 'safe',
    riskNote: 'external access analyzers are free',
  };
}
