import type { Queue } from 'bullmq';
import type { ResultJob } from './digest-jobs.js';
import { resultJobId } from './job-ids.js';

/**
 * How every worker tells the owner of the database what happened: one job on the results queue under a
 * stable id, so the same report sent twice while the first still waits is dropped.
 */
export async function reportResult(results: Pick<Queue<ResultJob>, 'add'>, result: ResultJob): Promise<void> {
  await results.add(result.type, result, { jobId: resultJobId(result) });
}
