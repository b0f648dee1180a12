import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { requireRole } from '../../console/auth/require-role.js';
import { consolePage } from '../../console/console-page.js';
import { consoleStrings } from '../../console/console-view.js';
import { eventsBody } from '../../console/pages/events-page.js';
import { dayIn } from '../../items/event-times.js';
import { eventsAround } from '../../items/item-search.js';

/** How many events each part of the page shows. */
const EVENTS_SHOWN = 100;

/** The console's events page (editors): the lab's events coming up and past, in the lab's time zone. Editing is the item form's. */
export const eventPages: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db, config } = ctx;
  app.addHook('preHandler', requireRole('editor'));
  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    const view = request.consoleView;
    const s = consoleStrings(view);
    const { upcoming, past } = eventsAround(db, dayIn(new Date(), config.TIME_ZONE), EVENTS_SHOWN);
    const body = eventsBody(view.lang, s, { timeZone: config.TIME_ZONE, upcoming, past });
    return reply.type('text/html; charset=utf-8').send(consolePage(view, { title: s.content.eventsTitle, body, area: 'content', org: config.ORG_NAME }));
  });
};
