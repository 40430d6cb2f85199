/**
 * The permissions `bulwark respond --contain --apply` needs, from the containment fixers' declared
 * actions and the reads that drift checks and the recover checklist make: generated, never hand-kept.
 * (The scope readers declare their own read permissions.)
 */
import { RESPOND_EC2_ACTIONS, RESPOND_EC2_TAG_PERMISSIONS } from '../fixers/respond-ec2.js';
import { RESPOND_IAM_ACTIONS } from '../fixers/respond-iam.js';
import { RECOVER_PERMISSIONS } from './recover-read.js';
import { REREAD_PERMISSIONS } from './reread.js';

export function respondWritePermissions(): string[] {
  return [...new Set([...RESPOND_IAM_ACTIONS, ...RESPOND_EC2_ACTIONS, ...RESPOND_EC2_TAG_PERMISSIONS])].sort();
}

export function respondPolicy() {
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'BulwarkRespondContain', Effect: 'Allow', Action: respondWritePermissions(), Resource: '*' },
      { Sid: 'BulwarkRespondRereadAndRecover', Effect: 'Allow', Action: [...new Set([...REREAD_PERMISSIONS, ...RECOVER_PERMISSIONS])].sort(), Resource: '*' },
    ],
  };
}
