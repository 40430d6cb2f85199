/** The live facts of the recover checklist: root MFA (GetAccountSummary) and the access keys still active. */
import { GetAccountSummaryCommand, IAMClient } from '@aws-sdk/client-iam';
import type { AwsContext } from '../aws/context.js';
import { errorCode } from '../aws/errors.js';
import { collectInventory } from '../core/collect.js';
import { describeNotCollected } from '../core/fact.js';
import type { AccountInfo } from '../inventory/schema.js';
import type { LiveFact, RecoverFacts } from './recover.js';

export const RECOVER_PERMISSIONS = ['iam:GetAccountSummary', 'iam:ListUsers', 'iam:ListAccessKeys'];

export async function readRecoverFacts(aws: AwsContext, account: AccountInfo, homeRegion: string, contained: ReadonlySet<string>): Promise<RecoverFacts> {
  const rootMfa = aws
    .client('iam', homeRegion, IAMClient)
    .send(new GetAccountSummaryCommand({}))
    .then((r): LiveFact<boolean> => (r.SummaryMap?.AccountMFAEnabled === undefined ? { read: false, reason: 'GetAccountSummary has no AccountMFAEnabled' } : { read: true, value: r.SummaryMap.AccountMFAEnabled === 1 }))
    .catch((error: unknown): LiveFact<boolean> => ({ read: false, reason: `${errorCode(error)} (grant iam:GetAccountSummary)` }));
  const keys = collectInventory(aws, { account, homeRegion, regions: { scanned: [], skipped: [] }, needs: new Set(['iam.accessKeys']) }).then(
    (inventory): RecoverFacts['activeKeys'] => {
      const fact = inventory.iam.accessKeys;
      if (fact?.status !== 'collected') return { read: false, reason: fact ? describeNotCollected(fact) : 'not collected' };
      const active = Object.entries(fact.value).flatMap(([user, list]) => list.filter((k) => k.active && !contained.has(k.id)).map((k) => ({ user, keyId: k.id })));
      return { read: true, value: active };
    },
    (error: unknown): RecoverFacts['activeKeys'] => ({ read: false, reason: errorCode(error) }),
  );
  return { rootMfa: await rootMfa, activeKeys: await keys };
}
