/** Stateful IAM account password policy for the local AWS look-alike. */
import { queryError, queryResult, type FakeHandler } from '../fake-aws.js';

export interface IamState {
  account: string;
  /** The policy as IAM's wire fields, or null when there is none. */
  passwordPolicy: Record<string, string> | null;
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
        return undefined;
    }
  };
}
