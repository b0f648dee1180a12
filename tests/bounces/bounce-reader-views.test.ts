import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyBounceEvent, type BounceEventInput } from '../../src/bounces/bounce-service.js';
import { signToken } from '../../src/tokens/tokens.js';
import { tableRows } from '../console/console-seed.js';
import { downloadMyData } from '../routes/export-helpers.js';
import { subscriberByEmail } from '../routes/public-helpers.js';
import { seedDelivery, seedDigest } from '../helpers/bounce-seed.js';
import { consoleSession } from '../helpers/console-session.js';
import { seedSubscriber } from '../helpers/digest-fixtures.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { subjectOf } from '../helpers/token-subject.js';

function event(deliveryId: number, fields: Partial<BounceEventInput>): BounceEventInput {
  return {
    kind: 'soft-bounce',
    status: '4.2.2',
    diagnostic: '452 4.2.2 Mailbox full',
    recipient: null,
    source: 'mailbox',
    messageId: null,
    receivedAt: new Date('2026-10-02T09:30:00Z'),
    match: { deliveryId, deliveryMatch: 'verp', messageIds: [], addresses: [] },
    ...fields,
  };
}

describe('a reader’s bounces and complaints, where people see them', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('bounce-views', { RATE_LIMIT_PER_MINUTE: '1000' });
  });
  afterAll(() => t.close());

  it('the console’s reader page lists every event, newest first, with its digest, in English and Spanish', async () => {
    const db = t.ctx.db;
    const id = seedSubscriber(db, { email: 'flaky@uni.example' });
    const sept = seedDigest(db, '2026-09');
    const oct = seedDigest(db, '2026-10');
    applyBounceEvent(
      db,
      event(seedDelivery(db, { digestId: sept, subscriberId: id, email: 'flaky@uni.example' }), { receivedAt: new Date('2026-09-02T09:30:00Z') }),
    );
    applyBounceEvent(
      db,
      event(seedDelivery(db, { digestId: oct, subscriberId: id, email: 'flaky@uni.example' }), {
        kind: 'complaint',
        status: null,
        diagnostic: 'Feedback-Type: abuse <script>alert(1)</script>',
        source: 'webhook',
      }),
    );
    const admin = await consoleSession(t, 'admin');
    const en = await admin.get(`/admin/subscribers/${id}?lang=en`);
    expect(en.statusCode).toBe(200);
    expect(en.body).toContain('<h2 id="bounces">Bounces and complaints</h2>');
    const rows = tableRows(en.body.slice(en.body.indexOf('id="bounces"')));
    expect(rows[1]).toMatch(/\|Spam complaint\|2026-10\|—\|Feedback-Type: abuse &lt;script&gt;alert\(1\)&lt;\/script&gt;\|Relay webhook\|$/);
    expect(rows[2]).toMatch(/\|Soft bounce\|2026-09\|4\.2\.2\|452 4\.2\.2 Mailbox full\|Bounce mailbox\|$/);
    expect(en.body).toContain(`<a href="/admin/digests/${oct}">2026-10</a>`);
    expect(en.body).not.toContain('<script>alert(1)');
    expect(en.body).toContain('<td>Complained</td>');

    const es = await admin.get(`/admin/subscribers/${id}?lang=es`);
    expect(es.body).toContain('<h2 id="bounces">Rebotes y quejas</h2>');
    const esRows = tableRows(es.body.slice(es.body.indexOf('id="bounces"')));
    expect(esRows[1]).toContain('|Queja por spam|2026-10|');
    expect(esRows[2]).toContain('|Rebote temporal|2026-09|4.2.2|');
  });

  it('says so when there is none', async () => {
    const id = seedSubscriber(t.ctx.db, { email: 'fine@uni.example' });
    const admin = await consoleSession(t, 'admin');
    const page = await admin.get(`/admin/subscribers/${id}?lang=en`);
    expect(page.body).toContain('No bounce or complaint has been received for this reader.');
  });

  it('the reader’s data export includes them, oldest first', async () => {
    await t.app.inject({ method: 'POST', url: '/subscribe', payload: { email: 'export-bounce@example.org', consent: true } });
    const id = subscriberByEmail(t, 'export-bounce@example.org')!.id;
    t.ctx.db.$client.prepare("UPDATE subscribers SET status = 'active' WHERE id = ?").run(id);
    const digestId = seedDigest(t.ctx.db, '2026-08');
    applyBounceEvent(
      t.ctx.db,
      event(seedDelivery(t.ctx.db, { digestId, subscriberId: id, email: 'export-bounce@example.org' }), { recipient: 'export-bounce@example.org' }),
    );
    const res = await downloadMyData(t, `/preferences/${signToken(t.config.SECRET_KEY, 'preferences', subjectOf(t, id))}`, id, 'export-bounce@example.org');
    expect(res.statusCode).toBe(200);
    expect(res.json().bounceEvents).toEqual([
      {
        kind: 'soft-bounce',
        status: '4.2.2',
        diagnostic: '452 4.2.2 Mailbox full',
        recipient: 'export-bounce@example.org',
        source: 'mailbox',
        receivedAt: '2026-10-02T09:30:00.000Z',
        period: '2026-08',
      },
    ]);
  });
});
