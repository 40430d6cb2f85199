import { z } from 'zod';

/**
 * A piece of collected data, or the reason it could not be read.
 * Checks never see a raw failure: a NotCollected fact turns into an UNKNOWN finding.
 */
export const notCollectedSchema = z
  .object({
    status: z.literal('not-collected'),
    kind: z.enum(['access-denied', 'throttled', 'network', 'region-disabled', 'not-in-inventory', 'error']),
    /** `service:Operation`, e.g. `iam:GetCredentialReport`. */
    operation: z.string(),
    errorCode: z.string(),
    message: z.string(),
    /** The IAM permission to grant, when the cause was a denied call. */
    permission: z.string().optional(),
  })
  .strict();

export type NotCollected = z.infer<typeof notCollectedSchema>;
export type NotCollectedKind = NotCollected['kind'];

export function factSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('status', [z.object({ status: z.literal('collected'), value }).strict(), notCollectedSchema]);
}

export interface Collected<T> {
  readonly status: 'collected';
  readonly value: T;
}

export type Fact<T> = Collected<T> | NotCollected;

export function collected<T>(value: T): Collected<T> {
  return { status: 'collected', value };
}

export function mapFact<T, U>(fact: Fact<T>, map: (value: T) => U): Fact<U> {
  return fact.status === 'collected' ? collected(map(fact.value)) : fact;
}

export function notInInventory(operation: string): NotCollected {
  return {
    status: 'not-collected',
    kind: 'not-in-inventory',
    operation,
    errorCode: 'NotCollected',
    message: 'this data was not collected in the inventory being evaluated',
  };
}

export function describeNotCollected(reason: NotCollected): string {
  const grant = reason.permission ? `; grant ${reason.permission}` : '';
  return `could not read ${reason.operation}: ${reason.errorCode} (${reason.message})${grant}`;
}
