/**
 * The one place that builds AWS clients: one per (service, region), sharing one credential
 * provider, one concurrency limit and one call counter. Every HTTP attempt is limited and
 * counted, every call has a deadline, and its failures are tagged with the operation and the IAM
 * permission it needed.
 */
import type { AwsCredentialIdentityProvider, RelativeMiddlewareOptions } from '@smithy/types';
import { Lanes, laneOf } from './lanes.js';
import { permissionFor } from './permissions.js';
import { isThrottle } from './errors.js';
import type { CallStats } from './stats.js';

export type ServiceName = 'sts' | 'iam' | 'ec2' | 's3' | 's3control' | 'organizations' | 'rds' | 'lambda' | 'cloudformation' | 'ecs' | 'cloudtrail' | 'guardduty' | 'cloudwatch' | 'sns' | 'budgets' | 'account' | 'logs' | 'kms' | 'config' | 'securityhub' | 'accessanalyzer' | 'servicequotas' | 'support' | 'ce';

/** The environment variable suffix the SDK reads for a per-service endpoint (its serviceId, upper-cased). */
const ENDPOINT_ENV: Record<ServiceName, string> = {
  sts: 'STS',
  iam: 'IAM',
  ec2: 'EC2',
  s3: 'S3',
  s3control: 'S3_CONTROL',
  organizations: 'ORGANIZATIONS',
  rds: 'RDS',
  lambda: 'LAMBDA',
  cloudformation: 'CLOUDFORMATION',
  ecs: 'ECS',
  cloudtrail: 'CLOUDTRAIL',
  guardduty: 'GUARDDUTY',
  cloudwatch: 'CLOUDWATCH',
  sns: 'SNS',
  budgets: 'BUDGETS',
  account: 'ACCOUNT',
  logs: 'CLOUDWATCH_LOGS',
  kms: 'KMS',
  config: 'CONFIG_SERVICE',
  securityhub: 'SECURITYHUB',
  accessanalyzer: 'ACCESSANALYZER',
  servicequotas: 'SERVICE_QUOTAS',
  support: 'SUPPORT',
  ce: 'COST_EXPLORER',
};

export interface AwsContextOptions {
  readonly credentials: AwsCredentialIdentityProvider;
  readonly stats: CallStats;
  readonly env: NodeJS.ProcessEnv;
  /** `--endpoint-url`: every service goes there (an emulator such as LocalStack or moto). */
  readonly endpointUrl?: string;
  /** HTTP attempts in flight across the whole scan (calls sleeping before a retry hold none). */
  readonly concurrency: number;
  /** One HTTP attempt. */
  readonly requestTimeoutMs: number;
  /** One call, retries included: a region that never answers cannot hang the scan. */
  readonly callTimeoutMs: number;
}

/** The part of every SDK v3 client that instrumentation touches. */
interface SdkClient {
  send(command: object, options?: object): Promise<unknown>;
  readonly middlewareStack?: {
    remove(name: string): boolean;
    addRelativeTo(middleware: unknown, options: RelativeMiddlewareOptions): void;
  };
}

/** Where the SDK hands each middleware the command being sent (`SMITHY_CONTEXT_KEY` of @smithy/types). */
const SMITHY_CONTEXT = '__smithy_context';
interface SdkHandlerContext {
  readonly [SMITHY_CONTEXT]?: { readonly commandInstance?: object };
}
const NO_COMMAND = {};

/** One call's state, shared by its HTTP attempts. */
interface CallInFlight {
  readonly operation: string;
  readonly lane: string;
  /** Whether the call holds a concurrency slot (it does from `send` until its first attempt ends). */
  holding: boolean;
  started?: number;
  timer?: NodeJS.Timeout;
  readonly deadline: AbortController;
}

type ClientConfig = { region: string } & Record<string, unknown>;
type ClientConstructor<C> = new (config: ClientConfig) => C;

export class AwsContext {
  private readonly clients = new Map<string, unknown>();
  private readonly lanes: Lanes;

  constructor(private readonly options: AwsContextOptions) {
    this.lanes = new Lanes(options.concurrency);
  }

  get stats(): CallStats {
    return this.options.stats;
  }

  /** HTTP attempts in flight at most: per-resource reads keep about this many calls queued, not all of them. */
  get concurrency(): number {
    return this.options.concurrency;
  }

  /** The cached client of a service in a region. The constructor comes from a lazy `import()`. */
  client<C extends object>(service: ServiceName, region: string, Client: ClientConstructor<C>): C {
    const key = `${service}@${region}`;
    let client = this.clients.get(key) as C | undefined;
    if (!client) {
      client = new Client(this.clientConfig(service, region));
      this.instrument(service, client as unknown as SdkClient);
      this.clients.set(key, client);
    }
    return client;
  }

  /**
   * Closes every client's connections (their keep-alive sockets and agents). An organisation scan
   * makes one context per account: without this each account's idle sockets stayed open after it
   * was done, and a worker's memory grew with the accounts it had scanned.
   */
  destroy(): void {
    for (const client of this.clients.values()) (client as { destroy?: () => void }).destroy?.();
    this.clients.clear();
  }

  /** The endpoint override that applies to a service, if any (`--endpoint-url` first, as the SDK orders them). */
  endpointFor(service: ServiceName): string | undefined {
    const { env, endpointUrl } = this.options;
    if (endpointUrl) return endpointUrl;
    if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true') return undefined;
    return env[`AWS_ENDPOINT_URL_${ENDPOINT_ENV[service]}`] || env.AWS_ENDPOINT_URL || undefined;
  }

  private clientConfig(service: ServiceName, region: string): ClientConfig {
    const { env, credentials, requestTimeoutMs, concurrency } = this.options;
    const config: ClientConfig = {
      region,
      credentials,
      // Adaptive mode rate-limits a client after throttles; one client per (service, region)
      // is the pooling AWS asks for. Users can still override with AWS_RETRY_MODE/AWS_MAX_ATTEMPTS.
      retryMode: env.AWS_RETRY_MODE ?? 'adaptive',
      maxAttempts: Number(env.AWS_MAX_ATTEMPTS) || 8,
      requestHandler: {
        requestTimeout: requestTimeoutMs,
        connectionTimeout: Math.min(requestTimeoutMs, 5_000),
        httpsAgent: { keepAlive: true, maxSockets: concurrency },
        httpAgent: { keepAlive: true, maxSockets: concurrency },
      },
    };
    // Resolved here rather than left to the SDK, so the S3 tweaks below see the same endpoint.
    const override = this.endpointFor(service);
    if (override) config.endpoint = override;
    if (override && service === 's3') config.forcePathStyle = true; // emulators have no bucket sub-domains
    if (override && service === 's3control') {
      // The endpoint rules prefix `{AccountId}.` to any custom host, which no emulator answers.
      const url = new URL(override);
      config.endpointProvider = () => ({ url });
    }
    return config;
  }

  private instrument(service: ServiceName, client: SdkClient): void {
    const { stats, callTimeoutMs } = this.options;
    // Bulwark logs no SDK call, yet the SDK's logger middleware deep-copies every input and output
    // (through its sensitive-data filter) to hand them to its no-op logger: a third of a millisecond
    // per call, and far more for a 1,000-user authorization details page.
    client.middlewareStack?.remove('loggerMiddleware');
    const calls = new WeakMap<object, CallInFlight>();
    // Per HTTP attempt, inside the SDK's retry loop: the slot is held for the attempt and given up
    // while the SDK sleeps before a retry, which queues for one again; retries and throttles are
    // counted. Added once to the client: added to each command, it made the SDK re-sort that
    // command's middleware on every call.
    client.middlewareStack?.addRelativeTo(
      (next: (args: unknown) => Promise<unknown>, context: SdkHandlerContext) => async (args: unknown) => {
        const call = calls.get(context[SMITHY_CONTEXT]?.commandInstance ?? NO_COMMAND);
        if (!call) return next(args); // sent past `client.send` below: nothing to limit or count
        if (!call.holding) await this.lanes.acquire(call.lane);
        call.holding = true;
        call.started ??= performance.now();
        call.timer ??= setTimeout(() => call.deadline.abort(new DOMException(`no answer within ${callTimeoutMs} ms`, 'TimeoutError')), callTimeoutMs);
        try {
          const result = await next(args);
          stats.recordAttempt(call.operation, false);
          return result;
        } catch (error) {
          stats.recordAttempt(call.operation, isThrottle(error));
          throw error;
        } finally {
          call.holding = false;
          this.lanes.release();
        }
      },
      { relation: 'after', toMiddleware: 'retryMiddleware', name: 'bulwarkAttempt', override: true },
    );
    // Resolved at call time so SDK client mocks installed on the prototype are honoured.
    const send = (command: object, options?: object) =>
      (Object.getPrototypeOf(client) as SdkClient).send.call(client, command, options);
    // Per call (paginators call `send` too): the deadline, the count, and error tagging.
    client.send = async (command: object, options?: object) => {
      const name = command.constructor.name.replace(/Command$/, '');
      const operation = `${service}:${name}`;
      const lane = laneOf(service);
      // A queued call is only this closure: the SDK builds the request once the call has a slot.
      await this.lanes.acquire(lane);
      // The deadline runs from the first attempt, not from the queue: waiting for a slot is not the API being slow.
      const call: CallInFlight = { operation, lane, holding: true, deadline: new AbortController() };
      calls.set(command, call);
      const elapsed = () => performance.now() - (call.started ?? performance.now());
      try {
        const result = await send(command, { abortSignal: call.deadline.signal, ...options });
        stats.recordCall(operation, elapsed(), false);
        return result;
      } catch (error) {
        stats.recordCall(operation, elapsed(), true);
        if (error && typeof error === 'object') {
          Object.assign(error, { bulwarkOperation: operation, bulwarkPermission: permissionFor(service, name) ?? undefined });
        }
        throw error;
      } finally {
        calls.delete(command);
        clearTimeout(call.timer);
        // No attempt was made (a client mock, a request that could not be built): the call's slot is still held.
        if (call.holding) this.lanes.release();
      }
    };
  }
}
