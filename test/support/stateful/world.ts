/**
 * The state of a simulated account that writes change: one section per service, owned by that
 * service's handler file (services/<service>.ts). Handler files are found by the server on start,
 * so a new service is a new file, without editing this one or the others.
 */
import type { FakeRequest, FakeResponse } from '../fake-aws.js';

export interface WorldOptions {
  readonly account?: string;
  readonly callerArn?: string;
  readonly regions?: readonly string[];
  /** Initial state by section name (`iam`, `s3control`, …), each in the shape its handler file exports. */
  readonly seed?: Readonly<Record<string, unknown>>;
  /** `service:Action` pairs answered with AccessDenied, as an SCP or a missing permission would. */
  readonly deny?: readonly string[];
}

/** A write a handler accepted, in order: what the tests assert on besides the state. */
export interface Write {
  readonly action: string;
  readonly input: Readonly<Record<string, string>>;
}

export class World {
  readonly account: string;
  readonly callerArn: string;
  readonly regions: readonly string[];
  readonly writes: Write[] = [];
  private readonly sections = new Map<string, unknown>();
  private readonly denied: Set<string>;

  constructor(private readonly options: WorldOptions = {}) {
    this.account = options.account ?? '123456789012';
    this.callerArn = options.callerArn ?? `arn:aws:iam::${this.account}:user/fixer`;
    this.regions = options.regions ?? ['eu-west-1'];
    this.denied = new Set(options.deny ?? []);
  }

  /** A service's state, created from its seed on first use. */
  section<T>(name: string, create: (seed: unknown) => T): T {
    if (!this.sections.has(name)) this.sections.set(name, create(this.options.seed?.[name]));
    return this.sections.get(name) as T;
  }

  isDenied(action: string): boolean {
    return this.denied.has(action);
  }

  deny(action: string): void {
    this.denied.add(action);
  }

  allow(action: string): void {
    this.denied.delete(action);
  }

  record(action: string, input: Readonly<Record<string, string>>): void {
    this.writes.push({ action, input });
  }
}

/** One handler file's export: answers what it knows, returns undefined for the rest. */
export interface StatefulService {
  /** For messages only. */
  readonly name: string;
  handle(request: FakeRequest, world: World): FakeResponse | undefined;
}
