import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRuleCases } from '../testing/rule-tester.js';
import { MAX_KEPT_EVENTS } from './alert.js';
import { BUILT_IN_RULES, detectEvents, loadRules } from './engine.js';
import { DetectRun } from './run.js';
import type { Event } from './sigma/fields.js';
import { budgetRules } from '../testing/budget-rules.js';

const ruleFile = (name: string) => join(BUILT_IN_RULES, name);
const caseEvents = (name: string, index: number) => (JSON.parse(readFileSync(ruleFile(name).replace(/\.yml$/, '.cases.json'), 'utf8')) as { cases: { events: Event[] }[] }).cases[index]!.events;

describe('correlation alerts', () => {
  it('a temporal_ordered correlation over an event_count carries every event of the groups it correlated', () => {
    const [first] = runRuleCases(ruleFile('signin/console-sign-in-after-repeated-failures.yml'));
    const events = caseEvents('signin/console-sign-in-after-repeated-failures.yml', 0);
    expect(first!.alerts).toHaveLength(1);
    const alert = first!.alerts[0]!;
    // The five failures that fired the count, the sixth that joined it, and the success.
    expect(alert.eventIds).toEqual(events.map((e) => e.eventID));
    expect(alert.count).toBe(7);
    expect(alert.firstTime).toBe('2026-11-20T09:00:00Z');
    expect(alert.actor.principal).toMatch(/user\/bob$/);
  });

  it('an account-wide group (password spraying) names what the tries share, not the last user tried', () => {
    const [spray] = runRuleCases(ruleFile('signin/console-password-spraying.yml'));
    const alert = spray!.alerts[0]!;
    expect(alert.actor.principal).toBe('several principals (6)');
    expect(alert.actor.principals).toHaveLength(6);
    expect(alert.actor.principals!.at(-1)).toMatch(/user\/frank$/);
    // The addresses rotate, so none is named; the browser is the same throughout.
    expect(alert.actor.sourceIp).toBeUndefined();
    expect(alert.actor.userAgent).toMatch(/^Mozilla/);
    expect(alert.actor.type).toBe('IAMUser');
  });

  it('a spray from one address names that address, and a brute force of one user still names the user', () => {
    const events = caseEvents('signin/console-password-spraying.yml', 0).map((e) => ({ ...e, sourceIPAddress: '198.51.100.77' }));
    const set = loadRules([{ file: 'spray.yml', text: readFileSync(ruleFile('signin/console-password-spraying.yml'), 'utf8') }]);
    expect(detectEvents(set, events)[0]!.actor).toMatchObject({ principal: 'several principals (6)', sourceIp: '198.51.100.77' });
    const brute = runRuleCases(ruleFile('signin/console-brute-force.yml')).find((c) => c.expect === 'alert')!;
    expect(brute.alerts[0]!.actor.principal).toMatch(/^arn:aws:iam::\d{12}:(user\/|root)/);
    expect(brute.alerts[0]!.actor.principals).toBeUndefined();
  });
});

describe('evidence kept', () => {
  it('keeps events in full up to a run-wide budget for alerts below high, and always for high ones', () => {
    const rules = budgetRules(20);
    const set = loadRules([{ file: 'budget.yml', text: rules }]);
    const event = (i: number, name: string) => ({ eventTime: new Date(Date.UTC(2026, 10, 20) + i * 1000).toISOString(), eventSource: 'x.amazonaws.com', eventName: name, eventID: `id-${i}`, sourceIPAddress: `10.0.${i >> 8 & 255}.${i & 255}`, recipientAccountId: '111122223333', awsRegion: 'us-east-1' });
    const n = MAX_KEPT_EVENTS + 50;
    const events = [...Array.from({ length: n }, (_, i) => event(i, 'GetParameter')), event(n, 'StopLogging')];
    const run = new DetectRun([{ file: 'budget.yml', text: rules }], {});
    run.scanEvents(events);
    const report = run.finish({ version: 't', now: new Date(), sources: [] });
    const medium = report.alerts.filter((a) => a.title === 'Medium');
    expect(medium).toHaveLength(n);
    expect(medium.reduce((k, a) => k + a.events.length, 0)).toBe(MAX_KEPT_EVENTS);
    expect(medium.every((a) => a.eventIds.length === 1)).toBe(true);
    expect(report.eventsNotKept).toBe(50);
    expect(report.alerts.find((a) => a.title === 'High')!.events).toHaveLength(1);
    expect(detectEvents(set, events.slice(0, 3)).every((a) => a.events.length === 1)).toBe(true);
  });

  it('a correlation below high still alerts with every event once the budget is spent while its window fills', () => {
    const rules = budgetRules(20);
    const start = Date.UTC(2026, 10, 20);
    const at = (i: number) => new Date(start + i * 1000).toISOString();
    const medium = (i: number) => ({ eventTime: at(i), eventSource: 'ssm.amazonaws.com', eventName: 'GetParameter', eventID: `p-${i}`, sourceIPAddress: `10.0.${(i >> 8) & 255}.${i & 255}`, recipientAccountId: '111122223333', awsRegion: 'us-east-1' });
    const secret = (i: number, n: number) => ({ eventTime: at(i), eventSource: 'secretsmanager.amazonaws.com', eventName: 'GetSecretValue', eventID: `s-${n}`, userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/thief', accountId: '111122223333', accessKeyId: 'AKIAEXAMPLEEXAMPLE01' }, sourceIPAddress: '203.0.113.9', userAgent: 'curl/8.5', requestParameters: { secretId: `prod/s-${n}` }, recipientAccountId: '111122223333', awsRegion: 'eu-west-1' });
    // Ten reads before the budget is spent, ten after: the window holds both kinds when it fires.
    const events = [...Array.from({ length: 10 }, (_, n) => secret(n, n)), ...Array.from({ length: MAX_KEPT_EVENTS }, (_, i) => medium(10 + i)), ...Array.from({ length: 10 }, (_, n) => secret(MAX_KEPT_EVENTS + 10 + n, 10 + n))];
    const run = new DetectRun([{ file: 'slim.yml', text: rules }], {});
    run.scanEvents(events);
    const report = run.finish({ version: 't', now: new Date(), sources: [] });
    const alert = report.alerts.find((a) => a.title === 'Many secrets')!;
    expect(alert).toMatchObject({ count: 20, account: '111122223333', region: 'eu-west-1', firstTime: at(0), lastTime: at(MAX_KEPT_EVENTS + 19), events: [] });
    expect(alert.eventIds).toEqual(Array.from({ length: 20 }, (_, n) => `s-${n}`));
    expect(alert.actor).toEqual({ principal: 'arn:aws:iam::111122223333:user/thief', type: 'IAMUser', accessKeyId: 'AKIAEXAMPLEEXAMPLE01', sourceIp: '203.0.113.9', userAgent: 'curl/8.5' });
    expect(report.eventsNotKept).toBe(20);
  });
});
