/**
 * IAM users, roles and customer-managed policies with their creation dates, for respond: the bulk
 * authorization details, each user and role (GetUser/GetRole), the account summary, login profiles, and inline policies of users and roles (list, get, put,
 * delete: the deny-all policy respond's containment attaches, and its undo). State is the `iam`
 * section that services/iam.ts keeps keys in.
 */
import { queryError, queryResult, type FakeResponse } from '../../fake-aws.js';
import { xmlEscape } from '../params.js';
import type { StatefulService, World } from '../world.js';
import { iamState, type IamState } from './iam.js';

const doc = (text: string) => xmlEscape(encodeURIComponent(text));
const notFound = (what: string, name: string) => queryError(404, 'NoSuchEntity', `The ${what} with name ${name} cannot be found.`);
const members = (list: readonly string[], tag?: string) => list.map((v) => (tag ? `<member><${tag}>${xmlEscape(v)}</${tag}></member>` : `<member>${xmlEscape(v)}</member>`)).join('');
const attachedXml = (arns: readonly string[] = []) => arns.map((arn) => `<member><PolicyName>${xmlEscape(arn.split('/').pop() ?? '')}</PolicyName><PolicyArn>${xmlEscape(arn)}</PolicyArn></member>`).join('');
const inlineXml = (inline: Readonly<Record<string, string>> = {}) => Object.entries(inline).map(([name, text]) => `<member><PolicyName>${xmlEscape(name)}</PolicyName><PolicyDocument>${doc(text)}</PolicyDocument></member>`).join('');

function authorizationDetails(world: World, state: IamState, params: URLSearchParams): FakeResponse {
  const filter = new Set([...params].filter(([k]) => /^Filter\.member\.\d+$/.test(k)).map(([, v]) => v));
  const wants = (type: string) => filter.size === 0 || filter.has(type);
  const users = wants('User')
    ? [...state.users.values()].map((u) => `<member><Path>/</Path><UserName>${xmlEscape(u.name)}</UserName><UserId>AIDA${xmlEscape(u.name.toUpperCase())}</UserId><Arn>arn:aws:iam::${world.account}:user/${xmlEscape(u.name)}</Arn><CreateDate>${u.created}</CreateDate><GroupList/><AttachedManagedPolicies>${attachedXml(u.attached)}</AttachedManagedPolicies><UserPolicyList>${inlineXml(u.inline)}</UserPolicyList><Tags/></member>`).join('')
    : '';
  const roles = wants('Role')
    ? [...state.roles.values()].map((r) => `<member><Path>/</Path><RoleName>${xmlEscape(r.name)}</RoleName><RoleId>AROA${xmlEscape(r.name.toUpperCase())}</RoleId><Arn>arn:aws:iam::${world.account}:role/${xmlEscape(r.name)}</Arn><CreateDate>${r.created}</CreateDate><AssumeRolePolicyDocument>${doc(r.trust)}</AssumeRolePolicyDocument><InstanceProfileList/><RolePolicyList>${inlineXml(r.inline)}</RolePolicyList><AttachedManagedPolicies>${attachedXml(r.attached)}</AttachedManagedPolicies><Tags/><RoleLastUsed/></member>`).join('')
    : '';
  const policies = wants('LocalManagedPolicy')
    ? [...state.policies.values()]
        .map((p) => {
          const versions = p.versions.map((v) => `<member><Document>${doc(v.document)}</Document><VersionId>${v.id}</VersionId><IsDefaultVersion>${v.isDefault}</IsDefaultVersion><CreateDate>${v.created}</CreateDate></member>`).join('');
          const defaultId = p.versions.find((v) => v.isDefault)?.id ?? 'v1';
          return `<member><PolicyName>${xmlEscape(p.name)}</PolicyName><PolicyId>ANPA${xmlEscape(p.name.toUpperCase())}</PolicyId><Arn>${xmlEscape(p.arn)}</Arn><Path>/</Path><DefaultVersionId>${defaultId}</DefaultVersionId><AttachmentCount>${p.attachments}</AttachmentCount><IsAttachable>true</IsAttachable><CreateDate>${p.created}</CreateDate><UpdateDate>${p.versions.at(-1)?.created ?? p.created}</UpdateDate><PolicyVersionList>${versions}</PolicyVersionList></member>`;
        })
        .join('')
    : '';
  return queryResult('GetAccountAuthorizationDetails', `<UserDetailList>${users}</UserDetailList><GroupDetailList/><RoleDetailList>${roles}</RoleDetailList><Policies>${policies}</Policies><IsTruncated>false</IsTruncated>`);
}

/** Inline policies of a user or a role: the four calls, the same for both. */
function inline(world: World, owner: { inline?: Record<string, string> } | undefined, kind: 'User' | 'Role', action: string, params: URLSearchParams): FakeResponse | undefined {
  const ownerName = params.get(`${kind}Name`) ?? '';
  if (!owner) return notFound(kind.toLowerCase(), ownerName);
  const policies = (owner.inline ??= {});
  const name = params.get('PolicyName') ?? '';
  switch (action) {
    case `List${kind}Policies`:
      return queryResult(action, `<PolicyNames>${members(Object.keys(policies))}</PolicyNames><IsTruncated>false</IsTruncated>`);
    case `Get${kind}Policy`: {
      const text = policies[name];
      if (text === undefined) return notFound(`${kind.toLowerCase()} policy`, name);
      return queryResult(action, `<${kind}Name>${xmlEscape(ownerName)}</${kind}Name><PolicyName>${xmlEscape(name)}</PolicyName><PolicyDocument>${doc(text)}</PolicyDocument>`);
    }
    case `Put${kind}Policy`:
      try {
        JSON.parse(params.get('PolicyDocument') ?? '');
      } catch {
        return queryError(400, 'MalformedPolicyDocument', 'The policy is not valid JSON');
      }
      policies[name] = params.get('PolicyDocument') ?? '';
      world.record(`iam:${action}`, Object.fromEntries(params));
      return queryResult(action, '');
    case `Delete${kind}Policy`:
      if (policies[name] === undefined) return notFound(`${kind.toLowerCase()} policy`, name);
      delete policies[name];
      world.record(`iam:${action}`, Object.fromEntries(params));
      return queryResult(action, '');
    default:
      return undefined;
  }
}

const service: StatefulService = {
  name: 'iam-identities',
  handle(request, world) {
    if (request.service !== 'iam') return undefined;
    const action = request.action;
    if (!/^(GetAccountAuthorizationDetails|GetAccountSummary|GetLoginProfile|GetUser|GetRole|(List|Get|Put|Delete)(User|Role)Polic(y|ies))$/.test(action)) return undefined;
    if (world.isDenied(`iam:${action}`)) return queryError(403, 'AccessDenied', `User: ${world.callerArn} is not authorized to perform: iam:${action}`);
    const state = iamState(world);
    const params = request.params;
    if (action === 'GetAccountAuthorizationDetails') return authorizationDetails(world, state, params);
    // Root has MFA, as the credential report's root row (services/iam.ts) says.
    if (action === 'GetAccountSummary') return queryResult(action, `<SummaryMap><entry><key>AccountMFAEnabled</key><value>1</value></entry><entry><key>Users</key><value>${state.users.size}</value></entry><entry><key>Roles</key><value>${state.roles.size}</value></entry></SummaryMap>`);
    if (action === 'GetUser') {
      const user = state.users.get(params.get('UserName') ?? '');
      if (!user) return notFound('user', params.get('UserName') ?? '');
      return queryResult(action, `<User><Path>/</Path><UserName>${xmlEscape(user.name)}</UserName><UserId>AIDA${xmlEscape(user.name.toUpperCase())}</UserId><Arn>arn:aws:iam::${world.account}:user/${xmlEscape(user.name)}</Arn><CreateDate>${user.created}</CreateDate></User>`);
    }
    if (action === 'GetRole') {
      const role = state.roles.get(params.get('RoleName') ?? '');
      if (!role) return notFound('role', params.get('RoleName') ?? '');
      return queryResult(action, `<Role><Path>/</Path><RoleName>${xmlEscape(role.name)}</RoleName><RoleId>AROA${xmlEscape(role.name.toUpperCase())}</RoleId><Arn>arn:aws:iam::${world.account}:role/${xmlEscape(role.name)}</Arn><CreateDate>${role.created}</CreateDate><AssumeRolePolicyDocument>${doc(role.trust)}</AssumeRolePolicyDocument></Role>`);
    }
    if (action === 'GetLoginProfile') {
      const user = state.users.get(params.get('UserName') ?? '');
      if (!user?.password) return queryError(404, 'NoSuchEntity', `Login Profile for User ${params.get('UserName') ?? ''} cannot be found.`);
      return queryResult(action, `<LoginProfile><UserName>${xmlEscape(user.name)}</UserName><CreateDate>${user.password.created}</CreateDate><PasswordResetRequired>false</PasswordResetRequired></LoginProfile>`);
    }
    return action.includes('User') ? inline(world, state.users.get(params.get('UserName') ?? ''), 'User', action, params) : inline(world, state.roles.get(params.get('RoleName') ?? ''), 'Role', action, params);
  },
};
export default service;
