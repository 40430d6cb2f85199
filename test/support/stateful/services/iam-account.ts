/** Stateful IAM account password policy for the local AWS look-alike. */
import { queryError, queryResult, type FakeHandler } from '../../fake-aws.js';
import type { StatefulService } from '../world.js';

export interface IamState {
  account: string;
  /** The policy as IAM's wire fields, or null when there is none. */
  passwordPolicy: Record<string, string> | null;
  /** Roles by name, with their inline policy names. */
  roles?: Record<string, { trust: string; inline: Record<string, string> }>;
}

const FIELDS = ['MinimumPasswordLength', 'RequireSymbols', 'RequireNumbers', 'RequireUppercaseCharacters', 'RequireLowercaseCharacters', 'AllowUsersToChangePassword', 'MaxPasswordAge', 'PasswordReusePrevention', 'HardExpiry'];

/** What UpdateAccountPasswordPolicy leaves when a parameter is omitted: IAM's defaults. */
const DEFAULTS: Record<string, string> = { MinimumPasswordLength: '8', RequireSymbols: 'false', RequireNumbers: 'false', RequireUppercaseCharacters: 'false', RequireLowercaseCharacters: 'false', AllowUsersToChangePassword: 'false', HardExpiry: 'false' };

export function statefulIam(state: IamState): FakeHandler {
  return (request) => {
    if (request.service !== 'iam') return undefined;
    switch (request.action) {
      case 'GetAccountPasswordPolicy': {
        const p = state.passwordPolicy;
        if (!p) return queryError(404, 'NoSuchEntity', `The Password Policy with domain name ${state.account} cannot be found.`);
        const fields = Object.entries(p).map(([k, v]) => `<${k}>${v}</${k}>`).join('');
        return queryResult('GetAccountPasswordPolicy', `<PasswordPolicy>${fields}<ExpirePasswords>${p.MaxPasswordAge ? 'true' : 'false'}</ExpirePasswords></PasswordPolicy>`);
      }
      case 'UpdateAccountPasswordPolicy':
        state.passwordPolicy = Object.fromEntries(FIELDS.flatMap((f) => {
          const value = request.params.get(f) ?? DEFAULTS[f];
          return value === undefined ? [] : [[f, value]];
        }));
        return queryResult('UpdateAccountPasswordPolicy', '');
      case 'DeleteAccountPasswordPolicy':
        if (!state.passwordPolicy) return queryError(404, 'NoSuchEntity', 'The account policy with name PasswordPolicy cannot be found.');
        state.passwordPolicy = null;
        return queryResult('DeleteAccountPasswordPolicy', '');
      default:
        return roles(state, request.action, request.params);
    }
  };
}

function roles(state: IamState, action: string, params: URLSearchParams) {
  const all = (state.roles ??= {});
  const name = params.get('RoleName') ?? '';
  const role = all[name];
  switch (action) {
    case 'CreateRole':
      if (role) return queryError(409, 'EntityAlreadyExists', `Role with name ${name} already exists.`);
      all[name] = { trust: params.get('AssumeRolePolicyDocument') ?? '', inline: {} };
      return queryResult('CreateRole', `<Role><Path>/</Path><RoleName>${name}</RoleName><RoleId>AROAFAKE</RoleId><Arn>arn:aws:iam::${state.account}:role/${name}</Arn><CreateDate>2026-11-01T12:00:00Z</CreateDate></Role>`);
    case 'PutRolePolicy':
    case 'DeleteRolePolicy':
    case 'DeleteRole':
      if (!role) return queryError(404, 'NoSuchEntity', `The role with name ${name} cannot be found.`);
      if (action === 'PutRolePolicy') role.inline[params.get('PolicyName') ?? ''] = params.get('PolicyDocument') ?? '';
      else if (action === 'DeleteRolePolicy') delete role.inline[params.get('PolicyName') ?? ''];
      else if (Object.keys(role.inline).length) return queryError(409, 'DeleteConflict', 'Cannot delete entity, must delete policies first.');
      else delete all[name];
      return queryResult(action, '');
    default:
      return undefined;
  }
}

/** In the shared look-alike: answers only when a test seeds `iamAccount` ({ passwordPolicy, roles? }). */
const service: StatefulService = {
  name: 'iam-account',
  handle(request, world) {
    const state = world.section('iamAccount', (seed) => (seed ? { account: world.account, ...structuredClone(seed as Omit<IamState, 'account'>) } : undefined));
    if (!state || request.service !== 'iam') return undefined;
    const action = `iam:${request.action}`;
    if (world.isDenied(action)) return queryError(403, 'AccessDenied', `User: ${world.callerArn} is not authorized to perform: ${action}`);
    const answer = statefulIam(state)(request);
    if (answer && !/^(Get|List)/.test(request.action) && (answer.status ?? 200) === 200) world.record(action, Object.fromEntries(request.params));
    return answer;
  },
};
export default service;
