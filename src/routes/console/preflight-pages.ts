import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { requireRole } from '../../console/auth/require-role.js';
import { consolePage } from '../../console/console-page.js';
import { consoleStrings } from '../../console/console-view.js';
import { preflightBody } from '../../console/pages/preflight-page.js';
import { lazy } from '../../lazy.js';
import { secretValues } from '../../settings/settings-view.js';

// Loaded when an admin opens the page: mailauth, postal-mime and the IMAP client the checks use would add
// about 70 MB to the API process for a page that is opened now and then.
const preflight = lazy(() => import('../../preflight/run-preflight.js'));

/** The console's preflight page (admins), under Settings: the sending setup checked against the bulk-sender rules. */
export const preflightPages: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { config } = ctx;
  app.addHook('preHandler', requireRole('admin'));

  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    const view = request.consoleView;
    const s = consoleStrings(view);
    const { runPreflight } = await preflight();
    const report = await runPreflight(config);
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(consolePage(view, { title: s.preflight.title, body: preflightBody(s, report, secretValues(config)), area: 'settings', org: config.ORG_NAME }));
  });
};
