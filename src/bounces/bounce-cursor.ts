import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { MailboxAddress } from './bounce-mailbox.js';

/**
 * Where the poll got to in the bounce folder: the folder's UIDVALIDITY and the last UID looked at. Mail
 * left alone stays in the folder, so without this it would be read again on every run and could crowd
 * new bounces out of the per-run limit. Kept in Redis: if it is lost, the folder is read again from the
 * start, which repeats nothing (applied mail was moved away; events are unique per Message-ID).
 */
export interface BounceCursor {
  get(uidValidity: string): Promise<number>;
  set(uidValidity: string, uid: number): Promise<void>;
}

/** The cursor of one mailbox folder, under the queue prefix; the key names the folder by a hash, not by address. */
export function redisBounceCursor(redis: Redis, prefix: string, address: MailboxAddress): BounceCursor {
  const id = createHash('sha256').update(`${address.host}:${address.port}/${address.user}/${address.folder}`).digest('hex').slice(0, 16);
  const key = `${prefix}:bounces:cursor:${id}`;
  return {
    async get(uidValidity) {
      const value = await redis.get(key);
      const [validity, uid] = (value ?? '').split(':');
      return validity === uidValidity && uid && /^\d+$/.test(uid) ? Number(uid) : 0;
    },
    async set(uidValidity, uid) {
      await redis.set(key, `${uidValidity}:${uid}`);
    },
  };
}
