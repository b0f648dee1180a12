import type { AppContext } from '../context.js';
import type { Digest } from './digest-repository.js';

/**
 * What an editor can do to a digest in flight, besides cancel (digest-service.ts): pause sending, resume
 * it, and retry the deliveries that failed. Each is a conditional update; none ever sends twice.
 *
 * STUB: the review work fills these in (signatures are the contract the console pages build on).
 */
type ControlContext = Pick<AppContext, 'db' | 'config' | 'queues' | 'redis'>;

const todo = (): never => {
  throw new Error('not implemented yet');
};

/** sending → paused: queued sends wait (a send already at the relay finishes). ConflictError otherwise. */
export async function pauseDigest(_ctx: ControlContext, _digestId: number, _reason: string): Promise<Digest> {
  return todo();
}

/** paused → sending: queues the sends still waiting. ConflictError otherwise. */
export async function resumePausedDigest(_ctx: ControlContext, _digestId: number): Promise<Digest> {
  return todo();
}

/** Failed deliveries go back to waiting and are sent again (a sent or sending digest). Returns how many. */
export async function retryFailedDeliveries(_ctx: ControlContext, _digestId: number): Promise<{ digest: Digest; retried: number }> {
  return todo();
}
