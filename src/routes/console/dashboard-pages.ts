import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../context.js';
import { requireRole } from '../../console/auth/require-role.js';
import { consolePage } from '../../console/console-page.js';
import { consoleStrings, hasRole } from '../../console/console-view.js';
import { dashboardBody } from '../../console/pages/dashboard-page.js';
import { listDigests } from '../../digests/digest-repository.js';
import { monthlyFlow, subscriberCounts } from '../../subscribers/subscriber-stats.js';

/** How many digests the dashboard lists. */
const LATEST_DIGESTS = 5;

/** GET /admin: the dashboard (every console user). */
export const dashboardPages: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/', { preHandler: requireRole('editor') }, async (request, reply) => {
    const view = request.consoleView;
    const s = consoleStrings(view);
    const body = dashboardBody(view.lang, s, {
      counts: subscriberCounts(ctx.db),
      flow: monthlyFlow(ctx.db),
      digests: listDigests(ctx.db, LATEST_DIGESTS),
      linkSubscribers: hasRole(view.user, 'admin'),
    });
    return reply.type('text/html; charset=utf-8').send(consolePage(view, { title: s.dashboard.title, body, area: 'dashboard', org: ctx.config.ORG_NAME }));
  });
};
