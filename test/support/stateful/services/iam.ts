/**
 * IAM users and their access keys: ListAccessKeys and UpdateAccessKey change and show the state;
 * the credential report is generated once and then reused, as IAM reuses a report for four hours.
 */
import { credentialReportResult, generateReportResult, queryError, queryResult } from '../../fake-aws.js';
import type { StatefulService, World } from '../world.js';

export interface IamKey {
  id: string;
  status: 'Active' | 'Inactive';
  created: string;
  lastUsed?: { date: string; region: string; service: string };
}

export interface IamUserState {
  name: string;
  created: string;
  keys: IamKey[];
  /** A console password (login profile) and when it was made. */
  password?: { created: string };
  /** Managed policy ARNs attached. */
  attached?: string[];
  /** Inline policies: name → document (JSON text). */
  inline?: Record<string, string>;
}

export interface IamRoleState {
  name: string;
  created: string;
  /** The trust policy as JSON text. */
  trust: string;
  attached?: string[];
  inline?: Record<string, string>;
}

export interface IamPolicyState {
  name: string;
  arn: string;
  created: string;
  attachments: number;
  versions: { id: string; created: string; document: string; isDefault: boolean }[];
}

export interface IamSeed {
  readonly users: readonly IamUserState[];
  readonly roles?: readonly IamRoleState[];
  /** Customer-managed policies. */
  readonly policies?: readonly IamPolicyState[];
}

export interface IamState {
  users: Map<string, IamUserState>;
  roles: Map<string, IamRoleState>;
  policies: Map<string, IamPolicyState>;
  /** The report as generated; reused until a test clears it (IAM's four-hour reuse). */
  report?: string;
}

const HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';

export function iamState(world: World): IamState {
  return world.section('iam', (seed) => {
    const s = seed as IamSeed | undefined;
    return {
      users: new Map((s?.users ?? []).map((u) => [u.name, structuredClone(u)])),
      roles: new Map((s?.roles ?? []).map((r) => [r.name, structuredClone(r)])),
      policies: new Map((s?.policies ?? []).map((p) => [p.arn, structuredClone(p)])),
    };
  });
}

function reportCsv(world: World, state: IamState): string {
  const root = `<root_account>,arn:aws:iam::${world.account}:root,2019-05-20T09:00:00+00:00,not_supported,2026-10-01T10:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`;
  const rows = [...state.users.values()].map((user) => {
    const keys = [...user.keys].sort((a, b) => a.created.localeCompare(b.created));
    const columns = [0, 1].map((i) => {
      const key = keys[i];
      if (!key) return 'false,N/A,N/A,N/A,N/A';
      return [key.status === 'Active', key.created, key.lastUsed?.date ?? 'N/A', key.lastUsed?.region ?? 'N/A', key.lastUsed?.service ?? 'N/A'].join(',');
    });
    return `${user.name},arn:aws:iam::${world.account}:user/${user.name},${user.created},${user.password ? 'true' : 'false'},N/A,${user.password?.created ?? 'N/A'},N/A,false,${columns.join(',')},false,N/A,false,N/A`;
  });
  return [HEADER, root, ...rows].join('\n') + '\n';
}

const denied = (world: World, action: string) => queryError(403, 'AccessDenied', `User: ${world.callerArn} is not authorized to perform: ${action}`);

const iam: StatefulService = {
  name: 'iam',
  handle(request, world) {
    if (request.service !== 'iam') return undefined;
    const action = `iam:${request.action}`;
    if (world.isDenied(action)) return denied(world, action);
    const state = iamState(world);
    const user = () => state.users.get(request.params.get('UserName') ?? '');
    switch (request.action) {
      case 'GenerateCredentialReport':
        state.report ??= reportCsv(world, state);
        return generateReportResult('COMPLETE');
      case 'GetCredentialReport':
        return credentialReportResult(state.report ?? reportCsv(world, state));
      case 'ListAccessKeys': {
        const found = user();
        if (!found) return queryError(404, 'NoSuchEntity', `The user with name ${request.params.get('UserName')} cannot be found.`);
        const members = found.keys.map((k) => `<member><UserName>${found.name}</UserName><AccessKeyId>${k.id}</AccessKeyId><Status>${k.status}</Status><CreateDate>${k.created}</CreateDate></member>`).join('');
        return queryResult('ListAccessKeys', `<AccessKeyMetadata>${members}</AccessKeyMetadata><IsTruncated>false</IsTruncated>`);
      }
      case 'UpdateAccessKey': {
        const found = user();
        const key = found?.keys.find((k) => k.id === request.params.get('AccessKeyId'));
        if (!found || !key) return queryError(404, 'NoSuchEntity', `The Access Key with id ${request.params.get('AccessKeyId')} cannot be found.`);
        const status = request.params.get('Status');
        if (status !== 'Active' && status !== 'Inactive') return queryError(400, 'ValidationError', 'Status must be Active or Inactive');
        key.status = status;
        world.record(action, Object.fromEntries(request.params));
        return { body: '<UpdateAccessKeyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ResponseMetadata><RequestId>fake-request</RequestId></ResponseMetadata></UpdateAccessKeyResponse>' };
      }
      default:
        return undefined;
    }
  },
};
export default iam;
