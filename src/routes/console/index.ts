import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../context.js';
import { consoleAssets } from './assets.js';
import { authPages } from './auth/auth-pages.js';
import { sessionPlugin } from './auth/session-plugin.js';
import { contentPages } from './content-pages.js';
import { dashboardPages } from './dashboard-pages.js';
import { digestPages } from './digest-pages.js';
import { eventPages } from './event-pages.js';
import { peoplePages } from './people-pages.js';
import { preflightPages } from './preflight-pages.js';
import { settingsPages } from './settings-pages.js';
import { subscriberPages } from './subscriber-pages.js';
import { topicPages } from './topic-pages.js';
import { userPages } from './user-pages.js';

/**
 * The console under /admin: its assets, then the session plugin (sign-in redirect, CSRF check, the
 * request's ConsoleView), then each area. Pages call the same use cases as the JSON API, never the API.
 */
export const consoleRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  await app.register(consoleAssets);
  await app.register(sessionPlugin, { ctx });
  await app.register(authPages, { ctx });
  await app.register(dashboardPages, { ctx });
  await app.register(digestPages, { ctx, prefix: '/digests' });
  await app.register(peoplePages, { ctx, prefix: '/content/people' });
  await app.register(eventPages, { ctx, prefix: '/content/events' });
  await app.register(contentPages, { ctx, prefix: '/content' });
  await app.register(subscriberPages, { ctx, prefix: '/subscribers' });
  await app.register(topicPages, { ctx, prefix: '/topics' });
  await app.register(preflightPages, { ctx, prefix: '/settings/preflight' });
  await app.register(settingsPages, { ctx, prefix: '/settings' });
  await app.register(userPages, { ctx, prefix: '/users' });
};
