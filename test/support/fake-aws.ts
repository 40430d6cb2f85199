/**
 * A small AWS look-alike on 127.0.0.1 that answers with real AWS wire formats (Query XML for
 * STS and IAM, EC2 XML, S3 REST XML), so tests and benchmarks run the real SDK end to end:
 * signing, serialisation, retries and parsing. The service comes from the SigV4 credential scope.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  readonly service: string;
  readonly region: string;
  readonly action: string;
  readonly params: URLSearchParams;
  readonly method: string;
  readonly path: string;
  readonly host: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

export interface FakeResponse {
  readonly status?: number;
  /** Answer this late (on top of the server's latency): a region that hangs. */
  readonly delayMs?: number;
  readonly body: string;
  readonly contentType?: string;
}

export type FakeHandler = (request: FakeRequest) => FakeResponse | undefined;

export interface FakeAws {
  readonly url: string;
  readonly requests: FakeRequest[];
  close(): Promise<void>;
}

/** Starts the server. `latencyMs` delays every answer, as a remote API would. */
export async function startFakeAws(handler: FakeHandler, options: { latencyMs?: number; host?: string } = {}): Promise<FakeAws> {
  const requests: FakeRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const scope = /Credential=[^/]+\/\d+\/([^/]+)\/([^/]+)\/aws4_request/.exec(req.headers.authorization ?? '');
      const url = new URL(req.url ?? '/', 'http://fake');
      const params = new URLSearchParams(req.method === 'POST' && body.includes('Action=') ? body : url.search);
      const request: FakeRequest = {
        service: scope?.[2] ?? 'unknown',
        region: scope?.[1] ?? 'unknown',
        // Query protocols name the action in the body, JSON protocols in X-Amz-Target (`Service.Action`).
        action: params.get('Action') ?? (String(req.headers['x-amz-target'] ?? '').split('.').pop() || `${req.method} ${url.pathname}`),
        params,
        method: req.method ?? 'GET',
        path: url.pathname + url.search,
        host: req.headers.host ?? '',
        headers: req.headers,
        body,
      };
      requests.push(request);
      const answer = handler(request) ?? queryError(404, 'InvalidAction', `the fake does not know ${request.service} ${request.action}`);
      const send = (response: ServerResponse) => {
        response.writeHead(answer.status ?? 200, { 'content-type': answer.contentType ?? 'text/xml', 'x-amzn-requestid': 'fake-request' });
        response.end(answer.body);
      };
      const delay = (options.latencyMs ?? 0) + (answer.delayMs ?? 0);
      if (delay) setTimeout(() => send(res), delay);
      else send(res);
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A Query-protocol (STS, IAM) success body. */
export function queryResult(action: string, inner: string, namespace = 'https://iam.amazonaws.com/doc/2010-05-08/'): FakeResponse {
  return {
    body: `<${action}Response xmlns="${namespace}"><${action}Result>${inner}</${action}Result><ResponseMetadata><RequestId>fake-request</RequestId></ResponseMetadata></${action}Response>`,
  };
}

/** A Query-protocol (STS, IAM) error, e.g. 403 AccessDenied or 400 Throttling. */
export function queryError(status: number, code: string, message: string): FakeResponse {
  return {
    status,
    body: `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${esc(message)}</Message></Error><RequestId>fake-request</RequestId></ErrorResponse>`,
  };
}

/** An EC2-protocol success body. */
export function ec2Result(action: string, inner: string): FakeResponse {
  return { body: `<${action}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>fake-request</requestId>${inner}</${action}Response>` };
}

/** An EC2-protocol error, e.g. 403 UnauthorizedOperation or 503 RequestLimitExceeded. */
export function ec2Error(status: number, code: string, message: string): FakeResponse {
  return { status, body: `<Response><Errors><Error><Code>${code}</Code><Message>${esc(message)}</Message></Error></Errors><RequestID>fake-request</RequestID></Response>` };
}

export function callerIdentity(account: string, arn = `arn:aws:iam::${account}:user/auditor`): FakeResponse {
  return queryResult('GetCallerIdentity', `<Arn>${arn}</Arn><UserId>AIDAFAKEUSERID</UserId><Account>${account}</Account>`, 'https://sts.amazonaws.com/doc/2011-06-15/');
}

export function regionsResult(regions: Record<string, 'opt-in-not-required' | 'opted-in' | 'not-opted-in'>): FakeResponse {
  const items = Object.entries(regions)
    .map(([name, status]) => `<item><regionName>${name}</regionName><regionEndpoint>ec2.${name}.amazonaws.com</regionEndpoint><optInStatus>${status}</optInStatus></item>`)
    .join('');
  return ec2Result('DescribeRegions', `<regionInfo>${items}</regionInfo>`);
}

export interface FakeGroup {
  id: string;
  name: string;
  /** Inbound TCP ports open to 0.0.0.0/0. */
  worldPorts?: number[];
}

export function securityGroupsResult(owner: string, groups: FakeGroup[], nextToken?: string): FakeResponse {
  const items = groups
    .map((g) => {
      const rules = (g.worldPorts ?? [])
        .map((p) => `<item><ipProtocol>tcp</ipProtocol><fromPort>${p}</fromPort><toPort>${p}</toPort><groups/><ipRanges><item><cidrIp>0.0.0.0/0</cidrIp><description>anywhere</description></item></ipRanges><ipv6Ranges/><prefixListIds/></item>`)
        .join('');
      const egress = '<item><ipProtocol>-1</ipProtocol><groups/><ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges><ipv6Ranges/><prefixListIds/></item>';
      return `<item><ownerId>${owner}</ownerId><groupId>${g.id}</groupId><groupName>${esc(g.name)}</groupName><groupDescription>fake</groupDescription><vpcId>vpc-0fake</vpcId><ipPermissions>${rules}</ipPermissions><ipPermissionsEgress>${egress}</ipPermissionsEgress><tagSet><item><key>Name</key><value>${esc(g.name)}</value></item></tagSet></item>`;
    })
    .join('');
  return ec2Result('DescribeSecurityGroups', `<securityGroupInfo>${items}</securityGroupInfo>${nextToken ? `<nextToken>${nextToken}</nextToken>` : ''}`);
}

const REPORT_HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';

/** A credential report as IAM writes it: the root row first, then users. */
export function credentialReportCsv(account: string, users: { name: string; mfa: boolean; password: boolean }[], rootMfa = true): string {
  const root = `<root_account>,arn:aws:iam::${account}:root,2019-05-20T09:00:00+00:00,not_supported,2026-10-01T10:00:00+00:00,not_supported,not_supported,${rootMfa},false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`;
  const rows = users.map(
    (u) =>
      `${u.name},arn:aws:iam::${account}:user/${u.name},2024-01-01T00:00:00+00:00,${u.password},${u.password ? '2026-10-30T08:00:00+00:00' : 'N/A'},${u.password ? '2026-06-01T00:00:00+00:00' : 'N/A'},N/A,${u.mfa},true,2025-01-01T00:00:00+00:00,2026-10-31T00:00:00+00:00,eu-west-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
  );
  return [REPORT_HEADER, root, ...rows].join('\n') + '\n';
}

export function credentialReportResult(csv: string): FakeResponse {
  return queryResult(
    'GetCredentialReport',
    `<Content>${Buffer.from(csv).toString('base64')}</Content><ReportFormat>text/csv</ReportFormat><GeneratedTime>2026-11-01T12:00:00Z</GeneratedTime>`,
  );
}

export function generateReportResult(state: 'STARTED' | 'INPROGRESS' | 'COMPLETE'): FakeResponse {
  return queryResult('GenerateCredentialReport', `<State>${state}</State><Description>fake</Description>`);
}

const encodeDoc = (document: object) => esc(encodeURIComponent(JSON.stringify(document)));

export interface FakeAuthorization {
  users: { name: string; groups?: string[]; attached?: string[] }[];
  groups?: { name: string; attached?: string[] }[];
  roles?: { name: string; trust: object; attached?: string[] }[];
  policies?: { name: string; arn: string; document: object }[];
}

/** One page of GetAccountAuthorizationDetails, documents URL-encoded as IAM sends them. */
export function authorizationResult(account: string, page: FakeAuthorization, marker?: string): FakeResponse {
  const attached = (arns: string[] = []) => arns.map((arn) => `<member><PolicyName>${arn.split('/').pop()}</PolicyName><PolicyArn>${arn}</PolicyArn></member>`).join('');
  const users = page.users
    .map((u) => `<member><Path>/</Path><UserName>${u.name}</UserName><UserId>AIDA${u.name.toUpperCase()}</UserId><Arn>arn:aws:iam::${account}:user/${u.name}</Arn><CreateDate>2024-01-01T00:00:00Z</CreateDate><GroupList>${(u.groups ?? []).map((g) => `<member>${g}</member>`).join('')}</GroupList><AttachedManagedPolicies>${attached(u.attached)}</AttachedManagedPolicies><UserPolicyList/><Tags/></member>`)
    .join('');
  const groups = (page.groups ?? [])
    .map((g) => `<member><Path>/</Path><GroupName>${g.name}</GroupName><GroupId>AGPA${g.name.toUpperCase()}</GroupId><Arn>arn:aws:iam::${account}:group/${g.name}</Arn><CreateDate>2024-01-01T00:00:00Z</CreateDate><GroupPolicyList/><AttachedManagedPolicies>${attached(g.attached)}</AttachedManagedPolicies></member>`)
    .join('');
  const roles = (page.roles ?? [])
    .map((r) => `<member><Path>/</Path><RoleName>${r.name}</RoleName><RoleId>AROA${r.name.toUpperCase()}</RoleId><Arn>arn:aws:iam::${account}:role/${r.name}</Arn><CreateDate>2024-01-01T00:00:00Z</CreateDate><AssumeRolePolicyDocument>${encodeDoc(r.trust)}</AssumeRolePolicyDocument><InstanceProfileList/><RolePolicyList/><AttachedManagedPolicies>${attached(r.attached)}</AttachedManagedPolicies><Tags/><RoleLastUsed/></member>`)
    .join('');
  const policies = (page.policies ?? [])
    .map((p) => `<member><PolicyName>${p.name}</PolicyName><PolicyId>ANPA${p.name.toUpperCase()}</PolicyId><Arn>${p.arn}</Arn><Path>/</Path><DefaultVersionId>v1</DefaultVersionId><AttachmentCount>1</AttachmentCount><IsAttachable>true</IsAttachable><PolicyVersionList><member><Document>${encodeDoc(p.document)}</Document><VersionId>v1</VersionId><IsDefaultVersion>true</IsDefaultVersion><CreateDate>2024-01-01T00:00:00Z</CreateDate></member></PolicyVersionList></member>`)
    .join('');
  return queryResult(
    'GetAccountAuthorizationDetails',
    `<UserDetailList>${users}</UserDetailList><GroupDetailList>${groups}</GroupDetailList><RoleDetailList>${roles}</RoleDetailList><Policies>${policies}</Policies><IsTruncated>${marker ? 'true' : 'false'}</IsTruncated>${marker ? `<Marker>${marker}</Marker>` : ''}`,
  );
}
