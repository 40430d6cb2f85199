/**
 * A stateful AWS look-alike on 127.0.0.1, for end-to-end fix → scan → undo → scan: the real SDK,
 * real wire formats, and state that the write calls change. Every file in services/ is a handler;
 * the first one that answers a request wins.
 */
import { readdir } from 'node:fs/promises';
import { startFakeAws, type FakeAws } from '../fake-aws.js';
import { World, type StatefulService, type WorldOptions } from './world.js';

export interface StatefulAws extends FakeAws {
  readonly world: World;
}

async function loadServices(): Promise<StatefulService[]> {
  const dir = new URL('./services/', import.meta.url);
  const files = (await readdir(dir)).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort();
  return Promise.all(files.map(async (file) => ((await import(new URL(file, dir).href)) as { default: StatefulService }).default));
}

export async function startStatefulAws(options: WorldOptions & { latencyMs?: number } = {}): Promise<StatefulAws> {
  const world = new World(options);
  const services = await loadServices();
  const server = await startFakeAws((request) => {
    for (const service of services) {
      const answer = service.handle(request, world);
      if (answer) return answer;
    }
    return undefined;
  }, options.latencyMs ? { latencyMs: options.latencyMs } : {});
  return { ...server, world };
}

export { World };
