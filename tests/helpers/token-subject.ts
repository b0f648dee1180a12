import type { Db } from '../../src/db/client.js';
import { getSubscriber } from '../../src/subscribers/subscriber-repository.js';
import type { TokenSubject } from '../../src/tokens/tokens.js';

/** The subscriber row a test's token is signed for (tokens are bound to the row's link key, not only its id). */
export function subjectOf(owner: { ctx: { db: Db } } | { db: Db }, id: number): TokenSubject {
  return getSubscriber('ctx' in owner ? owner.ctx.db : owner.db, id);
}
