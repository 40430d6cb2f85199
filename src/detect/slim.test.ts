import { describe, expect, it } from 'vitest';
import { MAX_KEPT_EVENTS } from './alert.js';
import { Detector } from './detector.js';
import { loadRules } from './sigma/load.js';
import type { Event } from './sigma/fields.js';
import { project } from './slim.js';
import { BUDGET_RULE, budgetRules } from '../testing/budget-rules.js';

const rules = budgetRules(5);
const { MEDIUM, HIGH, SECRET_READ: SECRET } = BUDGET_RULE;
const at = (i: number) => new Date(Date.UTC(2026, 10, 20) + i * 1000).toISOString();
const identity = { type: 'AssumedRole', arn: 'arn:aws:sts::111122223333:assumed-role/app/s', accountId: '111122223333', accessKeyId: 'ASIAEXAMPLE', sessionContext: { sessionIssuer: { arn: 'arn:aws:iam::111122223333:role/app' } } };
const event = (i: number, name: string): Event => ({ eventTime: at(i), eventSource: 'x.amazonaws.com', eventName: name, eventID: `e-${i}`, userIdentity: identity, sourceIPAddress: `10.0.${(i >> 8) & 255}.${i & 255}`, userAgent: 'curl/8.5', requestParameters: { secretId: `s-${i % 7}`, other: 'x'.repeat(100) }, responseElements: { big: 'y'.repeat(200) }, recipientAccountId: '111122223333', awsRegion: 'eu-west-1' });

describe('project', () => {
  it('keeps the fields named, and of an object userIdentity only what an alert reads', () => {
    const e = event(1, 'GetSecretValue');
    const shape = { fields: ['eventTime', 'userIdentity', 'requestParameters', 'constructor'], identityOnly: true };
    expect(project(e, shape)).toEqual({ eventTime: e.eventTime, userIdentity: { type: 'AssumedRole', arn: identity.arn, accountId: '111122223333', accessKeyId: 'ASIAEXAMPLE' }, requestParameters: e.requestParameters });
    expect(project(e, { ...shape, identityOnly: false }).userIdentity).toBe(identity);
    // Field paths walk arrays element by element: an array is kept whole.
    expect(project({ userIdentity: [identity] }, shape)).toEqual({ userIdentity: [identity] });
  });

  it('keeps a "__proto__" key an own field', () => {
    const e = JSON.parse('{"__proto__":{"x":1},"eventTime":"t"}') as Event;
    const cut = project(e, { fields: ['__proto__'], identityOnly: true });
    expect(Object.hasOwn(cut, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(cut)).toBe(Object.prototype);
  });
});

describe('Detector.slimMatches', () => {
  it('names, once the budget is spent, the rules below high whose matches then need only part of an event', () => {
    const detector = new Detector(loadRules([{ file: 'slim.yml', text: rules }]));
    expect(detector.slimMatches()).toBeUndefined();
    for (let i = 0; i < MAX_KEPT_EVENTS; i++) detector.match(MEDIUM, event(i, 'GetParameter'));
    const slim = detector.slimMatches()!;
    expect(slim.rules).toEqual([MEDIUM, SECRET]);
    expect(slim.fields).toEqual(expect.arrayContaining(['eventTime', 'eventID', 'userIdentity', 'userIdentity.arn', 'requestParameters', 'requestParameters.secretId']));
    expect(slim.identityOnly).toBe(true);
  });

  it('gives the same alerts from cut-down matches as from whole ones', () => {
    const set = loadRules([{ file: 'slim.yml', text: rules }]);
    const whole = new Detector(set);
    const cut = new Detector(set);
    for (const d of [whole, cut]) for (let i = 0; i < MAX_KEPT_EVENTS; i++) d.match(MEDIUM, event(i, 'GetParameter'));
    const slim = cut.slimMatches()!;
    const later: [number, Event][] = [];
    for (let i = MAX_KEPT_EVENTS; i < MAX_KEPT_EVENTS + 40; i++) later.push([MEDIUM, event(i, 'GetParameter')], [SECRET, event(i, 'GetSecretValue')], [HIGH, event(i, 'StopLogging')]);
    for (const [rule, e] of later) {
      whole.match(rule, e);
      cut.match(rule, slim.rules.includes(rule) ? project(e, slim) : e);
    }
    const alerts = cut.finish();
    expect(alerts.some((a) => a.title === 'Many secrets')).toBe(true);
    expect(alerts).toEqual(whole.finish());
  });
});
