/**
 * The items of shared/CHECKLIST.md. Checks name the items they serve; reports read as this list.
 */
export interface ChecklistItem {
  readonly id: string;
  readonly section: string;
  readonly title: string;
}

const IDENTITY = 'Identity and credentials';
const DATA = 'Data exposure';
const NETWORK = 'Network';
const LOGGING = 'Logging, monitoring and detection';
const MANUAL = 'Not checkable through the API';

export const CHECKLIST = [
  { id: 'AS-01', section: IDENTITY, title: 'Root account has MFA' },
  { id: 'AS-02', section: IDENTITY, title: 'Root MFA is a hardware key' },
  { id: 'AS-03', section: IDENTITY, title: 'Root has no access keys' },
  { id: 'AS-04', section: IDENTITY, title: 'Root is not used for daily work' },
  { id: 'AS-05', section: IDENTITY, title: 'Every console user has MFA' },
  { id: 'AS-06', section: IDENTITY, title: 'API calls need MFA where it matters' },
  { id: 'AS-07', section: IDENTITY, title: 'Access keys are rotated' },
  { id: 'AS-08', section: IDENTITY, title: 'No stale or doubled keys' },
  { id: 'AS-09', section: IDENTITY, title: 'Console passwords are rotated' },
  { id: 'AS-10', section: IDENTITY, title: 'Strong password policy' },
  { id: 'AS-11', section: IDENTITY, title: 'Least privilege, split responsibility' },
  { id: 'AS-12', section: IDENTITY, title: 'One SSH key per person, no master key' },
  { id: 'AS-13', section: IDENTITY, title: 'Automation uses roles, not long-lived keys' },
  { id: 'AS-20', section: DATA, title: 'S3 buckets stay private' },
  { id: 'AS-21', section: DATA, title: 'Snapshots and images are not public' },
  { id: 'AS-22', section: DATA, title: 'Encryption keys are rotated' },
  { id: 'AS-23', section: DATA, title: 'No secrets where they do not belong' },
  { id: 'AS-30', section: NETWORK, title: 'No unrestricted admin ports' },
  { id: 'AS-31', section: NETWORK, title: 'No unnecessary public ports' },
  { id: 'AS-32', section: NETWORK, title: 'Servers get security updates' },
  { id: 'AS-33', section: NETWORK, title: 'Default security groups stay empty' },
  { id: 'AS-40', section: LOGGING, title: 'CloudTrail records everything' },
  { id: 'AS-41', section: LOGGING, title: 'Trail logs can be trusted' },
  { id: 'AS-42', section: LOGGING, title: 'Attackers cannot erase their tracks' },
  { id: 'AS-43', section: LOGGING, title: 'Unusual API calls raise an alarm' },
  { id: 'AS-44', section: LOGGING, title: 'GuardDuty watches every region' },
  { id: 'AS-45', section: LOGGING, title: 'A surprise bill is caught early' },
  { id: 'AS-46', section: LOGGING, title: 'Someone is called' },
  { id: 'AS-47', section: LOGGING, title: 'Trusted Advisor advice is followed' },
  // CHECKLIST.md lists these without numbers; Bulwark asks them as MANUAL items, never PASS.
  { id: 'AS-M1', section: MANUAL, title: 'Root password is strong and changed from time to time' },
  { id: 'AS-M2', section: MANUAL, title: 'Passwords live in a password manager' },
  { id: 'AS-M3', section: MANUAL, title: 'MFA devices are kept safe, with a recovery plan' },
] as const satisfies readonly ChecklistItem[];

export type ChecklistId = (typeof CHECKLIST)[number]['id'];

export function isChecklistId(value: string): value is ChecklistId {
  return CHECKLIST.some((item) => item.id === value);
}
