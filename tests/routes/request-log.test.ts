import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app.js';
import { type OpenContext, openContext } from '../../src/context.js';
import { subscribers } from '../../src/db/schema.js';
import { createLogger, redactUrl } from '../../src/logger.js';
import { signToken } from '../../src/tokens/tokens.js';
import { deletePrefix } from '../helpers/redis-prefix.js';
import { testConfig } from '../helpers/test-config.js';
import { FORM } from './public-helpers.js';
import { subjectOf } from '../helpers/token-subject.js';

describe('request logs keep no link tokens', () => {
  const lines: string[] = [];
  let app: App;
  let ctx: OpenContext;

  beforeAll(async () => {
    const config = testConfig('request-log', { RATE_LIMIT_PER_MINUTE: '1000' });
    // The logger the server builds, at info level, writing into `lines` instead of stdout.
    ctx = await openContext(config, { logger: createLogger('info', { write: (line: string) => void lines.push(line) }) });
    app = await buildApp(ctx, { logger: ctx.logger });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
    await deletePrefix(ctx.config.QUEUE_PREFIX);
  });

  it('redacts the token segment of reader links and nothing else', () => {
    expect(redactUrl('/unsubscribe/unsubscribe.abc.def?lang=es')).toBe('/unsubscribe/[redacted]?lang=es');
    expect(redactUrl('/preferences/tok/export')).toBe('/preferences/[redacted]/export');
    expect(redactUrl('/data/export.1.abc.sig?lang=es')).toBe('/data/[redacted]?lang=es');
    expect(redactUrl('//Confirm/tok')).toBe('//Confirm/[redacted]');
    expect(redactUrl('/subscribe?lang=en')).toBe('/subscribe?lang=en');
    expect(redactUrl('/preferences/')).toBe('/preferences/');
    expect(redactUrl('/admin/content/imports/upload?_csrf=abc.def&lang=es')).toBe('/admin/content/imports/upload?_csrf=[redacted]&lang=es');
    expect(redactUrl('/admin/x?lang=es&_csrf=abc')).toBe('/admin/x?lang=es&_csrf=[redacted]');
  });

  it('logs each request with its URL, the token replaced', async () => {
    const email = 'logged@example.org';
    await app.inject({ method: 'POST', url: '/subscribe', payload: { email, consent: true } });
    const id = ctx.db.select().from(subscribers).where(eq(subscribers.email, email)).get()!.id;
    const confirm = signToken(ctx.config.SECRET_KEY, 'confirm', subjectOf(ctx, id));
    const prefs = signToken(ctx.config.SECRET_KEY, 'preferences', subjectOf(ctx, id));
    const unsub = signToken(ctx.config.SECRET_KEY, 'unsubscribe', subjectOf(ctx, id));
    const bogus = 'not-a-real-token-0123456789';
    lines.length = 0;

    await app.inject({ method: 'POST', url: `/confirm/${confirm}` });
    await app.inject({ url: `/preferences/${prefs}/export` });
    await app.inject({ method: 'POST', url: `/preferences/${prefs}`, headers: FORM, payload: 'language=es' });
    await app.inject({ url: `/unsubscribe/${unsub}?lang=es` });
    await app.inject({ url: `/unsubscribe/${bogus}` });

    const entries = lines.map((l) => JSON.parse(l) as { msg: string; req?: { url: string; method: string } });
    const urls = entries.filter((e) => e.msg === 'incoming request').map((e) => `${e.req!.method} ${e.req!.url}`);
    expect(urls).toEqual([
      'POST /confirm/[redacted]',
      'GET /preferences/[redacted]/export',
      'POST /preferences/[redacted]',
      'GET /unsubscribe/[redacted]?lang=es',
      'GET /unsubscribe/[redacted]',
    ]);
    expect(entries.filter((e) => e.msg === 'request completed')).toHaveLength(5);
    // The rest of what Fastify's own serializer logs is still there.
    expect(entries.find((e) => e.msg === 'incoming request')!.req).toMatchObject({ host: 'localhost:80', remoteAddress: '127.0.0.1' });
    const all = lines.join('');
    for (const token of [confirm, prefs, unsub, bogus]) expect(all).not.toContain(token);
  });
});
