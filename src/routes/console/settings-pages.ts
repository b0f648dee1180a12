import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { requireRole } from '../../console/auth/require-role.js';
import { consolePage } from '../../console/console-page.js';
import { type ConsoleView, consoleStrings } from '../../console/console-view.js';
import { formFields } from '../../console/form-body.js';
import { settingsBody } from '../../console/pages/settings-page.js';
import { checkHealth } from '../../health/health-checks.js';
import { format } from '../../i18n/format.js';
import { sendTestEmail } from '../../mail/test-email.js';
import { redactSecrets, secretValues, settingsView } from '../../settings/settings-view.js';

const pageQuery = z.object({
  done: z.enum(['test-sent']).optional().catch(undefined),
  to: z.email().max(254).optional().catch(undefined),
});
const address = z.email().max(254);

/** The console's settings page (admins): health of Redis, Ollama, SMTP and the database, every setting with secrets masked, and a test email. */
export const settingsPages: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { config } = ctx;
  app.addHook('preHandler', requireRole('admin'));

  const page = async (
    view: ConsoleView,
    reply: FastifyReply,
    opts: { notice?: string | null; error?: string | null; testAddress?: string; testError?: string; status?: number },
  ) => {
    const s = consoleStrings(view);
    const body = settingsBody(view, s, {
      health: await checkHealth(ctx),
      settings: settingsView(config),
      ollama: { host: config.OLLAMA_HOST, name: config.OLLAMA_MODEL },
      testAddress: opts.testAddress ?? view.user?.email ?? '',
      testError: opts.testError,
      secrets: secretValues(config),
    });
    return reply
      .status(opts.status ?? 200)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(consolePage(view, { title: s.settings.title, body, area: 'settings', notice: opts.notice, error: opts.error, org: config.ORG_NAME }));
  };

  app.get('/', { schema: { hide: true, querystring: pageQuery } }, async (request, reply) => {
    const s = consoleStrings(request.consoleView);
    const { done, to } = request.query;
    return page(request.consoleView, reply, { notice: done === 'test-sent' && to ? format(s.settings.testSent, { email: to }) : null });
  });

  app.post('/test-email', { schema: { hide: true } }, async (request, reply) => {
    const view = request.consoleView;
    const s = consoleStrings(view);
    const typed = formFields(request).text('to').trim();
    const to = address.safeParse(typed);
    if (!to.success) return page(view, reply, { testAddress: typed, testError: s.settings.testInvalid, error: s.settings.testInvalid, status: 400 });
    const vars = { org: config.ORG_NAME, user: view.user?.email ?? '?' };
    try {
      await sendTestEmail(config, to.data, { subject: format(s.settings.testSubject, vars), body: format(s.settings.testBody, vars) });
    } catch (err) {
      request.log.warn({ err: (err as Error).message }, 'console test email failed');
      const error = format(s.settings.testFailed, { error: redactSecrets((err as Error).message, secretValues(config)) });
      return page(view, reply, { testAddress: to.data, error, status: 502 });
    }
    return reply.redirect(`/admin/settings?done=test-sent&to=${encodeURIComponent(to.data)}`, 303);
  });
};
