import { describe, expect, it } from 'vitest';
import { demoRecords } from '../demo/demo-cloudtrail.js';
import { actorOf, addEvent, alertFields, newAlert } from './alert.js';
import { BUILT_IN_RULES, readRuleSources } from './engine.js';
import { internedCount } from './intern.js';
import { loadRules } from './sigma/load.js';
import type { Event } from './sigma/fields.js';

describe('alertFields', () => {
  it('gives an alert what the whole event gives it when the event is not kept in full', async () => {
    const rule = loadRules(await readRuleSources([BUILT_IN_RULES])).rules[0]!;
    const odd: Event[] = [
      { eventTime: '2026-11-20T09:00:00Z', eventID: 'e-root', userIdentity: { type: 'Root', accountId: '111122223333' }, awsRegion: 'us-east-1' },
      { eventTime: '2026-11-20T09:00:01Z', eventID: 'e-failed', userIdentity: { type: 'IAMUser', accountId: '111122223333', userName: 'bob' }, sourceIPAddress: '198.51.100.7', userAgent: 'Mozilla/5.0' },
      { eventTime: '2026-11-20T09:00:02Z', userIdentity: { type: 'AWSService', invokedBy: 'cloudtrail.amazonaws.com' }, recipientAccountId: '111122223333' },
      { eventTime: 1764000000000, userIdentity: 'not an object', eventID: 7 },
      { eventTime: '2026-11-20T09:00:03Z' },
    ];
    const events = [...demoRecords(), ...odd];
    expect(events.length).toBeGreaterThan(odd.length + 10);
    for (const event of events) {
      const cut = alertFields(event);
      expect(actorOf(cut)).toEqual(actorOf(event));
      const whole = newAlert(rule, event);
      const slim = newAlert(rule, cut);
      addEvent(whole, event, false);
      addEvent(slim, cut, false);
      expect(slim).toEqual(whole);
    }
    const first = demoRecords()[0]!;
    expect(JSON.stringify(alertFields(first)).length).toBeLessThan(JSON.stringify(first).length / 2);
  });

  it('shares the texts events repeat, not the eventID and time each event has alone', () => {
    const before = internedCount();
    for (let i = 0; i < 500; i++) alertFields({ eventTime: new Date(Date.UTC(2026, 10, 20, 9, 0, i)).toISOString(), eventID: `id-${i}`, awsRegion: 'eu-north-1', userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::444455556666:user/interned' } });
    expect(internedCount() - before).toBeLessThanOrEqual(3);
  });
});
