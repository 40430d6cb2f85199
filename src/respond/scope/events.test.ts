import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { CloudTrailClient, LookupEventsCommand, type LookupEventsCommandInput } from '@aws-sdk/client-cloudtrail';
import { awsError, testContext } from '../../../test/support/aws.js';
import { readEvents, type EventReadOptions } from './events.js';
import { Suspect } from './suspect.js';

const cloudtrail = mockClient(CloudTrailClient);
const KEY = 'AKIALEAKED';
const SESSION = 'ASIASESSION';
const record = (name: string, time: string, key: string, extra: Record<string, unknown> = {}) => ({
  eventName: name,
  eventSource: 'ec2.amazonaws.com',
  eventTime: time,
  awsRegion: 'eu-west-1',
  eventID: `${name}-${time}-${key}`,
  userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::123456789012:user/deploy', accessKeyId: key, userName: 'deploy' },
  readOnly: false,
  ...extra,
});
const assume = record('GetSessionToken', '2026-11-28T02:00:00Z', KEY, { eventSource: 'sts.amazonaws.com', responseElements: { credentials: { accessKeyId: SESSION } } });
const bySession = record('RunInstances', '2026-11-28T03:00:00Z', SESSION);
const byOther = record('RunInstances', '2026-11-28T03:30:00Z', 'AKIAOTHER', { userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::123456789012:user/alice', accessKeyId: 'AKIAOTHER', userName: 'alice' } });
const opened = record('AuthorizeSecurityGroupIngress', '2026-11-28T04:00:00Z', 'AKIAOTHER');
const options = (extra: Partial<EventReadOptions> = {}): EventReadOptions => ({ source: { kind: 'lookup' }, since: new Date('2026-11-28T00:00:00Z'), until: new Date('2026-11-28T12:00:00Z'), regions: ['eu-west-1'], homeRegion: 'us-east-1', sleep: () => Promise.resolve(), ...extra });

const answer = (events: Record<string, unknown>[]) => (input: LookupEventsCommandInput) => {
  const [attribute] = input.LookupAttributes ?? [];
  const picked = events.filter((e) => {
    if (!attribute) return true;
    if (attribute.AttributeKey === 'AccessKeyId') return (e.userIdentity as { accessKeyId: string }).accessKeyId === attribute.AttributeValue;
    if (attribute.AttributeKey === 'EventName') return e.eventName === attribute.AttributeValue;
    return false;
  });
  return { Events: picked.map((e) => ({ CloudTrailEvent: JSON.stringify(e) })) };
};

describe('reading the suspect events', () => {
  beforeEach(() => cloudtrail.reset());

  it('narrows LookupEvents to the key, one attribute a request, and follows the STS session it made', async () => {
    cloudtrail.on(LookupEventsCommand).callsFake(answer([assume, bySession, byOther, opened]));
    const waits: number[] = [];
    const suspect = new Suspect([KEY], []);
    const read = await readEvents(testContext(), suspect, options({ sleep: (ms) => (waits.push(ms), Promise.resolve()) }));
    expect(read.suspect.map((r) => r.eventName)).toEqual(['GetSessionToken', 'RunInstances']);
    expect(read.all.map((r) => r.eventName)).toEqual(['GetSessionToken', 'RunInstances', 'AuthorizeSecurityGroupIngress']);
    expect(suspect.sessionKeys).toEqual([SESSION]);
    const asked = cloudtrail.commandCalls(LookupEventsCommand).map((c) => c.args[0].input.LookupAttributes ?? []);
    expect(asked.every((a) => a.length === 1)).toBe(true);
    expect(asked.some(([a]) => a?.AttributeKey === 'AccessKeyId' && a.AttributeValue === SESSION)).toBe(true);
    // The region's pacing holds across attributes: every request after the first waited its turn.
    expect(waits.length).toBeGreaterThan(0);
    expect(waits.every((ms) => ms <= 500)).toBe(true);
  });

  it('a region whose LookupEvents is denied is a gap, with the permission', async () => {
    cloudtrail.on(LookupEventsCommand).rejects(awsError('AccessDeniedException', 'not authorized', 400));
    const read = await readEvents(testContext(), new Suspect([KEY], []), options());
    expect([...read.gaps.keys()].sort()).toEqual(['eu-west-1', 'us-east-1']);
    expect(read.unreadable).toContainEqual({ kind: 'activity', region: 'eu-west-1', permission: 'cloudtrail:LookupEvents', reason: 'could not read cloudtrail:LookupEvents AccessDeniedException' });
  });

  describe('from trail log files', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'bulwark-respond-'));
    });
    afterEach(() => rm(dir, { recursive: true, force: true }));

    it('picks the suspect, its sessions (even from a file read before the session began) and the dating calls of others', async () => {
      await writeFile(join(dir, 'a.json'), JSON.stringify({ Records: [bySession, byOther, record('RunInstances', '2026-11-27T00:00:00Z', KEY)] }));
      await writeFile(join(dir, 'b.json'), JSON.stringify({ Records: [assume, opened] }));
      await writeFile(join(dir, 'c.json'), 'not json');
      const read = await readEvents(testContext(), new Suspect([KEY], []), options({ source: { kind: 'trail-logs', paths: [dir] } }));
      expect(read.suspect.map((r) => [r.eventName, r.eventTime].join(' '))).toEqual(['GetSessionToken 2026-11-28T02:00:00Z', 'RunInstances 2026-11-28T03:00:00Z']);
      expect(read.all.map((r) => r.eventName)).toContain('AuthorizeSecurityGroupIngress');
      // alice's RunInstances made something: kept to name its maker, but not the suspect's.
      expect(read.all.map((r) => r.eventID)).toContain(byOther.eventID);
      expect(read.unreadable).toEqual([{ kind: 'activity', region: 'global', reason: expect.stringContaining('c.json') as string }]);
    });

    it('with no suspect named, takes every write since T', async () => {
      await writeFile(join(dir, 'a.json'), JSON.stringify({ Records: [bySession, byOther, { ...byOther, eventID: 'r', eventName: 'DescribeInstances', readOnly: true }] }));
      const read = await readEvents(testContext(), new Suspect([], []), options({ source: { kind: 'trail-logs', paths: [dir] } }));
      expect(read.suspect.map((r) => r.eventID)).toEqual([bySession.eventID, byOther.eventID]);
    });
  });
});
