import type { Settings } from '../config.js';

/**
 * How sending is cut into jobs, read by the owner (which makes the batches) and by the send workers
 * (whose queue limiter counts jobs): a batch never holds more readers than SEND_RATE_PER_SEC, and the
 * limiter lets through at most as many batches per second as keep the email rate under it.
 */
export interface SendBatching {
  /** Readers per send job. */
  batchSize: number;
  /** Send jobs per second across all workers. */
  jobsPerSecond: number;
}

/** The batching that SEND_BATCH_SIZE and SEND_RATE_PER_SEC give. */
export function sendBatching(settings: Pick<Settings, 'SEND_BATCH_SIZE' | 'SEND_RATE_PER_SEC'>): SendBatching {
  const batchSize = Math.max(1, Math.min(settings.SEND_BATCH_SIZE, settings.SEND_RATE_PER_SEC));
  return { batchSize, jobsPerSecond: Math.max(1, Math.floor(settings.SEND_RATE_PER_SEC / batchSize)) };
}
