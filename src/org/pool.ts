/**
 * The in-process runner: accounts scanned a few at a time (`--account-concurrency`), each result
 * handed on as soon as its account is done, so nothing piles up while the rest are scanned.
 */
import pLimit from 'p-limit';
import type { AccountJob, AccountResult } from './account-scan.js';

export async function runPool(
  jobs: readonly AccountJob[],
  concurrency: number,
  scan: (job: AccountJob) => Promise<AccountResult>,
  onResult: (result: AccountResult) => Promise<void>,
  onFailure: (job: AccountJob, error: unknown) => Promise<void>,
): Promise<void> {
  const limit = pLimit(concurrency);
  // Results are handed on one at a time, in the order accounts finish.
  let handing = Promise.resolve();
  const handOn = (run: () => Promise<void>) => (handing = handing.then(run));
  await Promise.all(
    jobs.map((job) =>
      limit(async () => {
        let result: AccountResult;
        try {
          result = await scan(job);
        } catch (error) {
          await handOn(() => onFailure(job, error));
          return;
        }
        await handOn(() => onResult(result));
      }),
    ),
  );
  await handing;
}
