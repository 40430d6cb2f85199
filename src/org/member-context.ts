/**
 * An account-scoped AwsContext: the scan pipeline's own context, built per account with that
 * account's credentials (the caller's, or an assumed member role) and its own call limit, with
 * every call also passing the organisation-wide gates (calls in flight per account and region,
 * and across all accounts), so one large account cannot starve the others.
 */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import pLimit, { type LimitFunction } from 'p-limit';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { AwsContext, type AwsContextOptions, type ServiceName } from '../aws/context.js';
import { refreshing } from '../aws/credentials.js';
import { CallStats } from '../aws/stats.js';

export interface OrgLimitOptions {
  /** Calls in flight across every account of the run (`--concurrency`). */
  readonly global: number;
  /** Calls in flight in one account. */
  readonly perAccount: number;
  /** Calls in flight in one region of one account. */
  readonly perAccountRegion: number;
}

/** The shared gates: one global limit and one per account and region, made on first use. */
export class OrgLimits {
  private readonly global: LimitFunction;
  private readonly accounts = new Map<string, LimitFunction>();
  private readonly regional = new Map<string, LimitFunction>();

  constructor(readonly options: OrgLimitOptions) {
    this.global = pLimit(options.global);
  }

  /**
   * Acquired from the narrowest to the widest (account, its region, everything), always in that
   * order, so waits cannot deadlock and a call holds a global slot only once it may run.
   */
  run<T>(account: string, region: string, call: () => Promise<T>): Promise<T> {
    const inAccount = gate(this.accounts, account, this.options.perAccount);
    const inRegion = gate(this.regional, `${account}@${region}`, this.options.perAccountRegion);
    return inAccount(() => inRegion(() => this.global(call)));
  }

  /** The account's gates are dropped when it is done: memory stays flat over a thousand accounts. */
  release(account: string): void {
    this.accounts.delete(account);
    for (const key of this.regional.keys()) if (key.startsWith(`${account}@`)) this.regional.delete(key);
  }
}

function gate(gates: Map<string, LimitFunction>, key: string, size: number): LimitFunction {
  let limit = gates.get(key);
  if (!limit) gates.set(key, (limit = pLimit(size)));
  return limit;
}

interface Sendable {
  send(command: object, options?: object): Promise<unknown>;
}

export class AccountContext extends AwsContext {
  private readonly gated = new WeakSet<object>();

  constructor(
    readonly accountId: string,
    options: Omit<AwsContextOptions, 'concurrency' | 'stats'>,
    private readonly limits: OrgLimits,
  ) {
    super({ ...options, stats: new CallStats(), concurrency: limits.options.perAccount });
  }

  override client<C extends object>(service: ServiceName, region: string, Client: new (config: { region: string } & Record<string, unknown>) => C): C {
    const client = super.client(service, region, Client);
    if (!this.gated.has(client)) {
      this.gated.add(client);
      const sendable = client as unknown as Sendable;
      const inner = sendable.send.bind(client);
      sendable.send = (command, options) => this.limits.run(this.accountId, region, () => inner(command, options));
    }
    return client;
  }
}

export interface AssumeRoleParams {
  readonly roleArn: string;
  readonly externalId?: string;
  readonly stsRegion: string;
  readonly endpointUrl?: string;
  readonly sessionDuration?: number;
}

/**
 * The connections every member's AssumeRole goes over: each provider makes an STS client of its
 * own, and with an agent of its own each one left an idle socket open per account scanned.
 */
const assumeRoleAgents = { httpAgent: new HttpAgent({ keepAlive: true, maxSockets: 16 }), httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: 16 }) };

/** The member role's credentials, from the caller's; refreshed before they expire on a long scan. */
export async function memberCredentials(base: AwsCredentialIdentityProvider, params: AssumeRoleParams): Promise<AwsCredentialIdentityProvider> {
  const { fromTemporaryCredentials } = await import('@aws-sdk/credential-providers');
  return refreshing(
    fromTemporaryCredentials({
      masterCredentials: base,
      clientConfig: { region: params.stsRegion, requestHandler: assumeRoleAgents, ...(params.endpointUrl ? { endpoint: params.endpointUrl } : {}) },
      params: {
        RoleArn: params.roleArn,
        RoleSessionName: 'bulwark-org-scan',
        ...(params.externalId ? { ExternalId: params.externalId } : {}),
        ...(params.sessionDuration ? { DurationSeconds: params.sessionDuration } : {}),
      },
    }),
  );
}
