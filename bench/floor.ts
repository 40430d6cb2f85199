/**
 * The floor of a scan: the requests it sent, replayed raw against a fresh look-alike at the same
 * latency and concurrency, with no signing, no SDK and no parsing. What is left is the API's own
 * time; a scan cannot be faster than this (nor than calls × latency ÷ concurrency).
 */
import { Agent, request } from 'node:http';
import { startFakeAws, type FakeHandler, type FakeRequest } from '../test/support/fake-aws.js';

export async function replayFloorMs(handler: FakeHandler, requests: readonly FakeRequest[], latencyMs: number, concurrency: number): Promise<number> {
  const fake = await startFakeAws(handler, { latencyMs });
  const target = new URL(fake.url);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const send = (r: FakeRequest) =>
    new Promise<void>((resolve, reject) => {
      const headers = { ...r.headers, host: target.host, 'content-length': String(Buffer.byteLength(r.body)) };
      const req = request({ host: target.hostname, port: target.port, method: r.method, path: r.path, headers, agent }, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', reject);
      req.end(r.body);
    });
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests.length) await send(requests[next++]!);
    }),
  );
  const ms = performance.now() - started;
  agent.destroy();
  await fake.close();
  return ms;
}
