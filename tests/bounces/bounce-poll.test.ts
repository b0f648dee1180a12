import { describe, expect, it } from 'vitest';
import type { BounceCursor } from '../../src/bounces/bounce-cursor.js';
import type { BounceMailbox } from '../../src/bounces/bounce-mailbox.js';
import { pollBounceMailbox } from '../../src/bounces/bounce-poll.js';
import type { ApplyOutcome, BounceEventInput } from '../../src/bounces/bounce-service.js';
import { parseVerp } from '../../src/bounces/verp.js';
import { bounceFixture, FIXTURE_BOUNCE_ADDRESS } from '../helpers/bounce-seed.js';

const KEY = 'test-secret-key-0123456789abcdefghijklmnop';

/** A folder in memory: what the poll reads, what it moved. */
function memoryMailbox(names: string[], uidValidity = '7'): BounceMailbox & { moved: number[] } {
  const messages = names.map((name, i) => ({ uid: i + 1, raw: bounceFixture(name) }));
  const moved: number[] = [];
  return {
    uidValidity,
    moved,
    async listAfter(after, limit) {
      return messages
        .filter((m) => m.uid > after && !moved.includes(m.uid))
        .slice(0, limit)
        .map((m) => ({ uid: m.uid, size: m.raw.length, receivedAt: new Date('2026-11-02T10:00:00Z') }));
    },
    async read(uid) {
      return messages.find((m) => m.uid === uid)!.raw;
    },
    async moveToProcessed(uid) {
      moved.push(uid);
    },
    async close() {},
  };
}

function memoryCursor(): BounceCursor & { value: string | null } {
  const c = {
    value: null as string | null,
    async get(validity: string) {
      const [v, uid] = (c.value ?? '').split(':');
      return v === validity ? Number(uid) : 0;
    },
    async set(validity: string, uid: number) {
      c.value = `${validity}:${uid}`;
    },
  };
  return c;
}

const silent = { info: () => {}, warn: () => {} };

describe('one poll run', () => {
  it('stops at a failure with the cursor on the last message dealt with, and the next run resumes there', async () => {
    const mailbox = memoryMailbox(['unrelated.eml', 'postfix-hard.eml', 'gmail-hard.eml']);
    const cursor = memoryCursor();
    const applied: BounceEventInput[] = [];
    let failOnce = true;
    const apply = async (input: BounceEventInput): Promise<ApplyOutcome> => {
      if (input.match.deliveryId === 105 && failOnce) {
        failOnce = false;
        throw new Error('database is locked');
      }
      applied.push(input);
      return { outcome: 'applied', eventId: applied.length, subscriberId: 1, deliveryId: input.match.deliveryId, matchedBy: 'verp', newStatus: 'bounced' };
    };
    const deps = { mailbox, cursor, apply, verp: (a: string) => parseVerp(a, FIXTURE_BOUNCE_ADDRESS, KEY), maxMessages: 10, logger: silent };
    await expect(pollBounceMailbox(deps)).rejects.toThrow('database is locked');
    expect(cursor.value).toBe('7:2');
    expect(mailbox.moved).toEqual([2]);
    expect(await pollBounceMailbox(deps)).toEqual({ seen: 1, applied: 1, duplicates: 0, moved: 1, left: 0, more: false });
    expect(mailbox.moved).toEqual([2, 3]);
    expect(applied.map((a) => a.match.deliveryId)).toEqual([101, 105]);
  });

  it('a new UIDVALIDITY starts the folder from the beginning', async () => {
    const cursor = memoryCursor();
    cursor.value = '6:99';
    const mailbox = memoryMailbox(['unrelated.eml', 'auto-reply.eml']);
    const apply = async (): Promise<ApplyOutcome> => ({ outcome: 'unmatched' });
    expect(await pollBounceMailbox({ mailbox, cursor, apply, verp: () => null, maxMessages: 10, logger: silent })).toMatchObject({
      seen: 2,
      left: 2,
      moved: 0,
    });
    expect(cursor.value).toBe('7:2');
  });
});
