import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveries, digests } from '../../src/db/schema.js';
import { signToken } from '../../src/tokens/tokens.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { downloadMyData } from '../routes/export-helpers.js';
import { subscriberByEmail } from '../routes/public-helpers.js';
import { subjectOf } from '../helpers/token-subject.js';

describe('download my data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('export-data', { RATE_LIMIT_PER_MINUTE: '1000' });
  });
  afterAll(() => t.close());

  async function reader(email: string) {
    await t.app.inject({ method: 'POST', url: '/subscribe', payload: { email, consent: true } });
    return subscriberByEmail(t, email)!.id;
  }

  function digest(period: string) {
    const window = { windowStart: new Date('2026-09-01T00:00:00Z'), windowEnd: new Date('2026-10-01T00:00:00Z') };
    return t.ctx.db
      .insert(digests)
      .values({ period, status: 'sent', ...window })
      .returning({ id: digests.id })
      .get().id;
  }

  it('lists the reader’s deliveries with their digest period, without the email body', async () => {
    const me = await reader('export-deliveries@example.org');
    const someoneElse = await reader('not-me@example.org');
    const sept = digest('2026-09');
    const oct = digest('2026-10');
    const sentAt = new Date('2026-10-01T09:00:05.000Z');
    t.ctx.db
      .insert(deliveries)
      .values([
        {
          digestId: sept,
          subscriberId: me,
          email: 'export-deliveries@example.org',
          status: 'sent',
          subject: 'September at the lab',
          messageId: '<d1@labdigest.test>',
          html: '<p>SECRET-HTML</p>',
          text: 'SECRET-TEXT',
          composedWith: 'llm',
          sentAt,
        },
        {
          digestId: oct,
          subscriberId: me,
          email: 'export-deliveries@example.org',
          status: 'failed',
          subject: null,
          messageId: '<d2@labdigest.test>',
          composedWith: null,
        },
        { digestId: sept, subscriberId: someoneElse, email: 'not-me@example.org', status: 'sent', subject: 'Other', messageId: '<d3@labdigest.test>' },
      ])
      .run();

    const res = await downloadMyData(t, `/preferences/${signToken(t.config.SECRET_KEY, 'preferences', subjectOf(t, me))}`, me, 'export-deliveries@example.org');
    expect(res.statusCode).toBe(200);
    expect(res.json().deliveries).toEqual([
      {
        digestId: sept,
        period: '2026-09',
        status: 'sent',
        subject: 'September at the lab',
        messageId: '<d1@labdigest.test>',
        sentAt: '2026-10-01T09:00:05.000Z',
        composedWith: 'llm',
      },
      { digestId: oct, period: '2026-10', status: 'failed', subject: null, messageId: '<d2@labdigest.test>', sentAt: null, composedWith: null },
    ]);
    expect(res.body).not.toContain('SECRET-HTML');
    expect(res.body).not.toContain('SECRET-TEXT');
    expect(res.body).not.toContain('<d3@labdigest.test>');
  });

  it('gives an empty list to a reader who has had no digest yet', async () => {
    const id = await reader('no-digest-yet@example.org');
    const res = await downloadMyData(t, `/preferences/${signToken(t.config.SECRET_KEY, 'preferences', subjectOf(t, id))}`, id, 'no-digest-yet@example.org');
    expect(res.statusCode).toBe(200);
    expect(res.json().deliveries).toEqual([]);
  });
});
