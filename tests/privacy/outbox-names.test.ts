import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from '../../src/mail/mailer.js';
import { isOutboxFileOf, outboxRecipientPart } from '../../src/mail/outbox-files.js';
import { purgeSubscriberTraces } from '../../src/subscribers/purge-traces.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

// Addresses the old naming folded into one stem (a_b_at_x.org), plus look-alikes of the encoding itself.
const ALIKE = ['a+b@x.org', 'a_b@x.org', "a'b@x.org", 'a-b@x.org', 'a_2bb@x.org', 'a.b@x.org'];

describe('outbox file names', () => {
  it('give every address its own recipient part', () => {
    const parts = ALIKE.map(outboxRecipientPart);
    expect(new Set(parts).size).toBe(ALIKE.length);
    expect(outboxRecipientPart('a+b@x.org')).toBe('a_2bb_40x.org');
    expect(outboxRecipientPart('A+B@X.org')).toBe('a_2bb_40x.org');
    for (const p of parts) expect(p).toMatch(/^[a-z0-9._]+$/);
  });

  it('name long addresses by their hash, which no readable part can equal', () => {
    const long = `${'a'.repeat(60)}+${'b'.repeat(60)}@x.org`;
    const other = `${'a'.repeat(60)}_${'b'.repeat(60)}@x.org`;
    expect(outboxRecipientPart(long)).toMatch(/^h-[0-9a-f]{64}$/);
    expect(outboxRecipientPart(long)).not.toBe(outboxRecipientPart(other));
    expect(isOutboxFileOf(`20260101T000000000Z-${outboxRecipientPart(long)}-abc123.eml`, outboxRecipientPart(long))).toBe(true);
  });

  describe('in a real outbox', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp('outbox-names');
      const mailer = createMailer(t.config);
      for (const to of ALIKE) {
        await mailer.send({ from: t.config.MAIL_FROM, to, subject: 'Hi', html: '<p>Hi</p>', text: 'Hi', messageId: `<${ALIKE.indexOf(to)}@labdigest.test>` });
      }
      mailer.close();
    });
    afterAll(async () => {
      await t.close();
    });

    it('writes copies readable by the owner only, in an owner-only folder', () => {
      expect(statSync(t.config.OUTBOX_DIR).mode & 0o777).toBe(0o700);
      const names = readdirSync(t.config.OUTBOX_DIR);
      expect(names).toHaveLength(ALIKE.length * 2);
      for (const n of names) expect(statSync(join(t.config.OUTBOX_DIR, n)).mode & 0o777).toBe(0o600);
    });

    it('erasing one address removes its copies and nobody else’s', async () => {
      const purged = await purgeSubscriberTraces(t.ctx, 'a+b@x.org');
      expect(purged.outboxFiles).toBe(2);
      const left = readdirSync(t.config.OUTBOX_DIR);
      expect(left).toHaveLength((ALIKE.length - 1) * 2);
      for (const to of ALIKE.slice(1)) expect(left.filter((n) => isOutboxFileOf(n, outboxRecipientPart(to)))).toHaveLength(2);
      expect(left.some((n) => isOutboxFileOf(n, outboxRecipientPart('a+b@x.org')))).toBe(false);
    });
  });
});
