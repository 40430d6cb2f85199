import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { demoRecords } from '../src/demo/demo-cloudtrail.js';
import type { DetectReport } from '../src/detect/report.js';
import { runCli } from './support/run-cli.js';

const env = { AWS_ACCESS_KEY_ID: 'AKIAQTESTTESTTESTTES', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1' };
const s3 = mockClient(S3Client);
const cloudtrail = mockClient(CloudTrailClient);
afterEach(() => {
  s3.reset();
  cloudtrail.reset();
});

/** The part of a streaming body the reader uses. */
const body = (data: Uint8Array) => ({ transformToByteArray: () => Promise.resolve(new Uint8Array(data)) }) as never;
const key = (region: string, day: string, stamp: string) => `logs/AWSLogs/111122223333/CloudTrail/${region}/2026/11/${day}/111122223333_CloudTrail_${region}_202611${day}T${stamp}Z_0123456789abcdef.json.gz`;

describe('detect --s3', () => {
  it('walks the layout by prefix, lists only the days in range, skips Digest folders and streams the objects', async () => {
    const records = demoRecords();
    const listed: string[] = [];
    s3.on(ListObjectsV2Command).callsFake((input: { Prefix: string; Delimiter?: string; ContinuationToken?: string }) => {
      listed.push(`${input.Prefix}${input.Delimiter ? ' /' : ''}`);
      const folders: Record<string, string[]> = {
        'logs/': ['logs/AWSLogs/'],
        'logs/AWSLogs/': ['logs/AWSLogs/111122223333/'],
        'logs/AWSLogs/111122223333/': ['logs/AWSLogs/111122223333/CloudTrail/', 'logs/AWSLogs/111122223333/CloudTrail-Digest/'],
        'logs/AWSLogs/111122223333/CloudTrail/': ['logs/AWSLogs/111122223333/CloudTrail/us-east-1/', 'logs/AWSLogs/111122223333/CloudTrail/eu-west-1/'],
      };
      if (input.Delimiter) return { CommonPrefixes: (folders[input.Prefix] ?? []).map((Prefix) => ({ Prefix })) };
      if (input.Prefix === 'logs/AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/20/') {
        // Two pages.
        if (!input.ContinuationToken) return { Contents: [{ Key: key('us-east-1', '20', '0955'), Size: 10 }], IsTruncated: true, NextContinuationToken: 't2' };
        return { Contents: [{ Key: key('us-east-1', '20', '2355'), Size: 10 }, { Key: 'logs/AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/20/readme.txt' }] };
      }
      return { Contents: [] };
    });
    const morning = gzipSync(JSON.stringify({ Records: records.filter((r) => String(r.eventTime) < '2026-11-20T10') }));
    s3.on(GetObjectCommand, { Key: key('us-east-1', '20', '0955') }).callsFake(() => ({ Body: body(morning) }));
    s3.on(GetObjectCommand, { Key: key('us-east-1', '20', '2355') }).rejects(Object.assign(new Error('Access Denied'), { name: 'AccessDenied' }));

    const { code, stdout } = await runCli(['detect', '--s3', 's3://trail-bucket/logs', '--since', '2026-11-20', '--until', '2026-11-20T23:59:59Z', '--format', 'json', '--workers', '0'], env);
    const report = JSON.parse(stdout) as DetectReport;
    expect(code).toBe(1);
    expect(listed.some((p) => p.includes('CloudTrail-Digest'))).toBe(false);
    expect(listed).toContain('logs/AWSLogs/111122223333/CloudTrail/eu-west-1/2026/11/21/');
    expect(listed).not.toContain('logs/AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/19/');
    expect(report.summary).toMatchObject({ files: 2, filesRead: 1, filesSkipped: 1 });
    expect(report.inputProblems).toEqual([{ name: `s3://trail-bucket/${key('us-east-1', '20', '2355')}`, reason: 'Access Denied' }]);
    expect(report.alerts.map((a) => a.title)).toContain('Console password brute force');
  }, 60_000);

  it('names a bucket it cannot list and exits 2', async () => {
    s3.on(ListObjectsV2Command).rejects(Object.assign(new Error('The specified bucket does not exist'), { name: 'NoSuchBucket' }));
    const { code, stdout } = await runCli(['detect', '--s3', 's3://missing-bucket', '--workers', '0'], env);
    expect(code).toBe(2);
    expect(stdout).toMatch(/s3:\/\/missing-bucket: cannot list: NoSuchBucket/);
  });
});

describe('detect --lookup', () => {
  it('pages LookupEvents a day at a time in every region plus us-east-1 and correlates in time order', async () => {
    const records = demoRecords().filter((r) => r.eventName === 'ConsoleLogin');
    const calls: { region: string; start: string; token?: string }[] = [];
    cloudtrail.on(LookupEventsCommand).callsFake(async (input: { StartTime: Date; NextToken?: string }, getClient: () => CloudTrailClient) => {
      const region = await getClient().config.region();
      calls.push({ region, start: input.StartTime.toISOString(), ...(input.NextToken ? { token: input.NextToken } : {}) });
      const day = input.StartTime.toISOString().slice(0, 10);
      if (region !== 'us-east-1' || day !== '2026-11-20') return { Events: [] };
      // Newest first, in two pages, as the API returns them.
      const newest = [...records].reverse().map((r) => ({ EventId: String(r.eventID), CloudTrailEvent: JSON.stringify(r) }));
      return input.NextToken ? { Events: [...newest.slice(8), { EventId: 'x', CloudTrailEvent: '{broken' }] } : { Events: newest.slice(0, 8), NextToken: 'page-2' };
    });
    const { code, stdout } = await runCli(['detect', '--lookup', '--regions', 'eu-west-1', '--since', '2026-11-19', '--until', '2026-11-21', '--format', 'json'], env);
    const report = JSON.parse(stdout) as DetectReport;
    expect(code).toBe(1);
    expect(new Set(calls.map((c) => c.region))).toEqual(new Set(['us-east-1', 'eu-west-1']));
    expect(calls.filter((c) => c.region === 'eu-west-1').map((c) => c.start.slice(0, 10))).toEqual(['2026-11-19', '2026-11-20']);
    expect(report.summary.events).toBe(records.length);
    expect(report.summary.recordsSkipped).toBe(1);
    expect(report.alerts.map((a) => a.title)).toContain('Console password brute force');
  }, 60_000);
});
