/**
 * AWS accounts that exist to hold canary (honeytoken) keys: whoever uses such a key, even for
 * sts:GetCallerIdentity, sets off an alert to whoever planted it. `--verify` never calls AWS with
 * one; the account is read offline from the key id (aws-key-id.ts) and the key is reported as a
 * canary, not verified.
 *
 * The list is data, with its source: the accounts of Thinkst's canarytokens.org and of look-alike
 * honeytoken services, as published in TruffleHog's AWS detector
 * (trufflesecurity/trufflehog, pkg/detectors/aws/access_keys/canary.go); the first seven Thinkst
 * accounts also appear in other public scanners' lists, and 171436882533 is the account of a
 * published canarytokens.org key id (AKIASP2TPHJSQH3FJXYZ). Users add their own in the config file
 * (`secrets.canaryAccounts`).
 */
const THINKST = 'Thinkst Canarytokens (canarytokens.org)';
const LOOK_ALIKE = 'a honeytoken service modelled on canarytokens.org';

const KNOWN: Readonly<Record<string, string>> = {
  ...Object.fromEntries(['052310077262', '171436882533', '534261010715', '595918472158', '717712589309', '819147034852', '992382622183', '730335385048', '266735846894', '893192397702'].map((id) => [id, THINKST])),
  ...Object.fromEntries(
    ['044858866125', '251535659677', '344043088457', '351906852752', '390477818340', '426127672474', '427150556519', '439872796651', '445142720921', '465867158099', '637958123769', '693412236332', '732624840810', '735421457923', '959235150393', '982842642351'].map((id) => [id, LOOK_ALIKE]),
  ),
};

/** Who runs the canary account, or undefined when it is not one (`extra`: the user's own canary accounts). */
export function canaryOwner(accountId: string | undefined, extra: readonly string[] = []): string | undefined {
  if (!accountId) return undefined;
  return KNOWN[accountId] ?? (extra.includes(accountId) ? 'your configuration (secrets.canaryAccounts)' : undefined);
}
