import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { consentRecords, deliveries, digests, subscribers } from '../../src/db/schema.js';
import { NotFoundError } from '../../src/errors.js';
import type { MailJob } from '../../src/jobs/mail-job.js';
import type { Queues } from '../../src/jobs/queues.js';
import { emailHash } from '../../src/subscribers/email-address.js';
import { createSubscriberService, type SubscriberService } from '../../src/subscribers/subscriber-service.js';
import { topicSlugsOf } from '../../src/subscribers/subscriber-repository.js';
import { seedSubscriber, seedTopics } from '../helpers/digest-fixtures.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const ORIGIN = { ip: '192.0.2.7', userAgent: 'service-test' };

describe('the subscriber service does each action whole', () => {
  let t: TestApp;
  let service: SubscriberService;
  let periods = 0;

  beforeAll(async () => {
    t = await createTestApp('subscriber-service');
    seedTopics(t.ctx.db, { networks: { en: 'Networks', es: 'Redes' }, elections: { en: 'Elections', es: 'Elecciones' } });
    service = createSubscriberService(t.ctx, { error: () => undefined });
  });
  afterAll(() => t.close());

  const row = (email: string) => t.ctx.db.select().from(subscribers).where(eq(subscribers.email, email)).get();
  const consent = (email: string) =>
    t.ctx.db
      .select()
      .from(consentRecords)
      .where(eq(consentRecords.emailHash, emailHash(t.config.SECRET_KEY, email)))
      .orderBy(asc(consentRecords.id))
      .all();

  /** The link emails queued for one address, once `count` of them have arrived (queueing does not wait). */
  async function mailTo(email: string, count: number): Promise<MailJob[]> {
    return vi.waitFor(async () => {
      const jobs = (await t.ctx.queues.mail.getJobs(['waiting', 'delayed', 'prioritized', 'active', 'completed'])).filter((j) => j.data.to === email);
      expect(jobs).toHaveLength(count);
      return jobs.sort((a, b) => Number(a.id) - Number(b.id)).map((j) => j.data);
    });
  }

  /** A digest on its way with a planned delivery for each reader; returns the digest id. */
  function digestOnItsWay(...readers: Array<{ id: number; email: string }>): number {
    const period = `2030-${String(++periods).padStart(2, '0')}`;
    const window = { windowStart: new Date('2030-01-01T00:00:00Z'), windowEnd: new Date('2030-02-01T00:00:00Z') };
    const digestId = t.ctx.db
      .insert(digests)
      .values({ period, status: 'sending', ...window })
      .returning({ id: digests.id })
      .get().id;
    for (const r of readers) {
      t.ctx.db
        .insert(deliveries)
        .values({ digestId, subscriberId: r.id, email: r.email, status: 'planned', messageId: `<${digestId}.${r.id}@labdigest.test>` })
        .run();
    }
    return digestId;
  }
  const deliveryOf = (digestId: number, email: string) =>
    t.ctx.db
      .select()
      .from(deliveries)
      .where(eq(deliveries.digestId, digestId))
      .all()
      .find((d) => d.email === email);

  it('topicsExist says whether every slug exists', () => {
    expect(service.topicsExist([])).toBe(true);
    expect(service.topicsExist(['networks', 'elections', 'networks'])).toBe(true);
    expect(service.topicsExist(['networks', 'astrology'])).toBe(false);
  });

  it('signup from the API stores a pending reader with consent in the newsletter’s language and queues a confirmation', async () => {
    const email = 'api-signup@example.org';
    service.signup({ email, name: 'Ana', language: 'es', topics: ['networks'], form: null }, { via: 'api', pageLanguage: 'en', origin: ORIGIN });
    const s = row(email)!;
    expect(s).toMatchObject({ name: 'Ana', language: 'es', status: 'pending' });
    expect(topicSlugsOf(t.ctx.db, s.id)).toEqual(['networks']);
    expect(consent(email)).toMatchObject([
      { event: 'signup', form: 'api', ip: ORIGIN.ip, userAgent: ORIGIN.userAgent, consentText: expect.stringMatching(/^Acepto/) },
    ]);
    const [job] = await mailTo(email, 1);
    expect(job).toMatchObject({ template: 'confirm', to: email, name: null, language: 'es' });
  });

  it('signup from a page takes the page’s language when none is chosen and records the consent text the page showed', async () => {
    service.signup({ email: 'page-default@example.org', name: null, topics: [], form: null }, { via: 'page', pageLanguage: 'es', origin: ORIGIN });
    expect(row('page-default@example.org')).toMatchObject({ language: 'es' });
    expect(consent('page-default@example.org')[0]).toMatchObject({ form: 'subscribe-page', consentText: expect.stringMatching(/^Acepto/) });

    service.signup(
      { email: 'page-en@example.org', name: null, language: 'en', topics: [], form: 'lab-site' },
      { via: 'page', pageLanguage: 'es', origin: ORIGIN },
    );
    expect(row('page-en@example.org')).toMatchObject({ language: 'en' });
    expect(consent('page-en@example.org')[0]).toMatchObject({ form: 'lab-site', consentText: expect.stringMatching(/^Acepto/) });
    await mailTo('page-en@example.org', 1);
  });

  it('signup leaves an active reader’s data alone and mails a manage link; a bounced one gets nothing', async () => {
    const id = seedSubscriber(t.ctx.db, { email: 'already-in@example.org', name: 'Kept', topics: ['elections'] });
    service.signup(
      { email: 'already-in@example.org', name: 'Changed', language: 'es', topics: [], form: null },
      { via: 'api', pageLanguage: 'en', origin: ORIGIN },
    );
    expect(row('already-in@example.org')).toMatchObject({ name: 'Kept', language: 'en', status: 'active' });
    expect(topicSlugsOf(t.ctx.db, id)).toEqual(['elections']);
    expect((await mailTo('already-in@example.org', 1))[0]).toMatchObject({ template: 'manage', name: null });

    seedSubscriber(t.ctx.db, { email: 'bounced@example.org' });
    t.ctx.db.update(subscribers).set({ status: 'bounced' }).where(eq(subscribers.email, 'bounced@example.org')).run();
    service.signup({ email: 'bounced@example.org', name: null, topics: [], form: null }, { via: 'api', pageLanguage: 'en', origin: ORIGIN });
    // A later address's email is queued after it would have been: once it is there, the bounced one had its chance.
    service.signup({ email: 'after-bounced@example.org', name: null, topics: [], form: null }, { via: 'api', pageLanguage: 'en', origin: ORIGIN });
    await mailTo('after-bounced@example.org', 1);
    await mailTo('bounced@example.org', 0);
    expect(row('bounced@example.org')!.status).toBe('bounced');
  });

  it('confirm moves pending to active once, and never revives an unsubscribed reader', () => {
    const id = seedSubscriber(t.ctx.db, { email: 'to-confirm@example.org', status: 'pending' });
    expect(service.confirm(id, ORIGIN)).toBe('changed');
    expect(service.confirm(id, ORIGIN)).toBe('already');
    expect(row('to-confirm@example.org')!.status).toBe('active');
    const gone = seedSubscriber(t.ctx.db, { email: 'left-before@example.org', status: 'unsubscribed' });
    expect(service.confirm(gone, ORIGIN)).toBe('not-applicable');
    expect(() => service.confirm(999_999, ORIGIN)).toThrow(NotFoundError);
  });

  it('saving preferences with a pause withdraws the reader from digests on their way; without one it does not', async () => {
    const pauser = { email: 'pauser@example.org', id: seedSubscriber(t.ctx.db, { email: 'pauser@example.org', language: 'es', topics: ['networks'] }) };
    const stayer = { email: 'stayer@example.org', id: seedSubscriber(t.ctx.db, { email: 'stayer@example.org' }) };
    const digestId = digestOnItsWay(pauser, stayer);

    const saved = await service.savePreferences(pauser.id, { name: 'P', topics: ['elections'], paused: true });
    expect(saved).toMatchObject({ id: pauser.id, name: 'P', language: 'es', paused: true, status: 'active' });
    expect(topicSlugsOf(t.ctx.db, pauser.id)).toEqual(['elections']);
    await service.savePreferences(stayer.id, { name: null, language: 'es', topics: [], paused: false });

    expect(deliveryOf(digestId, pauser.email)).toMatchObject({ status: 'cancelled', error: 'reader left before sending' });
    expect(deliveryOf(digestId, stayer.email)).toMatchObject({ status: 'planned' });
  });

  it('unsubscribe stops the reader’s mail, including a digest on its way; a repeat changes nothing', async () => {
    const leaver = { email: 'leaver@example.org', id: seedSubscriber(t.ctx.db, { email: 'leaver@example.org' }) };
    const digestId = digestOnItsWay(leaver);
    expect(await service.unsubscribe(leaver.id, ORIGIN, 'one-click')).toBe('changed');
    expect(row(leaver.email)).toMatchObject({ status: 'unsubscribed', unsubscribedAt: expect.any(Date) });
    expect(deliveryOf(digestId, leaver.email)).toMatchObject({ status: 'cancelled' });
    // The reader was the last one the digest waited for.
    expect(t.ctx.db.select().from(digests).where(eq(digests.id, digestId)).get()!.status).toBe('sent');
    expect(await service.unsubscribe(leaver.id, ORIGIN, 'one-click')).toBe('already');
    expect(consent(leaver.email).filter((r) => r.event === 'unsubscribe')).toMatchObject([{ form: 'one-click', userAgent: ORIGIN.userAgent }]);
  });

  it('resubscribe brings a reader who left back to active with fresh consent', () => {
    const id = seedSubscriber(t.ctx.db, { email: 'comeback@example.org', status: 'unsubscribed', paused: true });
    expect(service.resubscribe(id, ORIGIN, 'es')).toMatchObject({ status: 'active', paused: false, unsubscribedAt: null });
    expect(consent('comeback@example.org').at(-1)).toMatchObject({
      event: 'resubscribe',
      form: 'preferences-page',
      consentText: expect.stringMatching(/^Acepto/),
    });
  });

  it('erase withdraws, erases and removes the reader’s queued mail, in that order', async () => {
    const email = 'erase-me@example.org';
    service.signup({ email, name: 'E', language: 'en', topics: ['networks'], form: null }, { via: 'api', pageLanguage: 'en', origin: ORIGIN });
    await mailTo(email, 1);
    const reader = { email, id: row(email)!.id };
    const digestId = digestOnItsWay(reader);

    const purged = await service.erase(reader.id, 'admin');
    expect(purged.mailJobs).toBe(1);
    await mailTo(email, 0);
    expect(row(email)).toBeUndefined();
    // Withdrawn first (it finds deliveries by subscriber), then anonymised by the erasure.
    expect(t.ctx.db.select().from(deliveries).where(eq(deliveries.digestId, digestId)).get()).toMatchObject({
      status: 'cancelled',
      email: 'erased',
      subscriberId: null,
    });
    expect(consent(email).map((r) => [r.event, r.form, r.subscriberId, r.ip])).toEqual([
      ['signup', 'api', null, null],
      ['erase', 'admin-api', null, null],
    ]);
    await expect(service.erase(reader.id, 'admin')).rejects.toThrow(NotFoundError);
  });

  it('a manage link goes only to pending and active addresses, at most one per few minutes', async () => {
    seedSubscriber(t.ctx.db, { email: 'wants-link@example.org' });
    seedSubscriber(t.ctx.db, { email: 'left-link@example.org', status: 'unsubscribed' });
    service.requestManageLink('wants-link@example.org');
    service.requestManageLink('wants-link@example.org');
    service.requestManageLink('left-link@example.org');
    service.requestManageLink('nobody@example.org');
    // Queued after the others: once its email is there, theirs would be too.
    seedSubscriber(t.ctx.db, { email: 'marker-after@example.org' });
    service.requestManageLink('marker-after@example.org');
    await mailTo('marker-after@example.org', 1);
    expect(await mailTo('wants-link@example.org', 1)).toMatchObject([{ template: 'manage', preferencesUrl: expect.stringContaining('/preferences/') }]);
    await mailTo('left-link@example.org', 0);
    await mailTo('nobody@example.org', 0);
  });

  it('an export link mails a download that works until the reader is erased', async () => {
    const id = seedSubscriber(t.ctx.db, { email: 'my-data@example.org', name: 'D', topics: ['networks'] });
    service.requestExportLink(id);
    const [job] = await mailTo('my-data@example.org', 1);
    expect(job).toMatchObject({ template: 'data-export', name: null });
    const token = new URL((job as { exportUrl: string }).exportUrl).pathname.split('/').pop()!;
    expect(service.exportByLink(token)).toMatchObject({ subscriber: { id, email: 'my-data@example.org', topics: ['networks'] }, deliveries: [] });
    expect(() => service.exportByLink(`${token}x`)).toThrow(NotFoundError);
    await service.erase(id, 'reader');
    expect(() => service.exportByLink(token)).toThrow(NotFoundError);
  });

  it('a queue that fails is logged, never thrown at the visitor, and the answer does not wait for it', async () => {
    const failing = { ...t.ctx.queues, mail: { add: () => Promise.reject(new Error('Redis is restarting')) } } as unknown as Queues;
    const errors: Array<{ template?: string }> = [];
    const offline = createSubscriberService({ ...t.ctx, queues: failing }, { error: (entry: { template?: string }) => void errors.push(entry) });
    expect(
      offline.signup({ email: 'queue-down@example.org', name: null, topics: [], form: null }, { via: 'api', pageLanguage: 'en', origin: ORIGIN }),
    ).toBeUndefined();
    expect(row('queue-down@example.org')!.status).toBe('pending');
    await vi.waitFor(() => expect(errors).toMatchObject([{ template: 'confirm' }]));
  });
});
