import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../context.js';
import { archiveRoutes } from './archive.js';
import { confirmRoutes } from './confirm.js';
import { dataExportRoutes } from './data-export.js';
import { manageRoutes } from './manage.js';
import { preferencesRoutes } from './preferences.js';
import { subscribeRoutes } from './subscribe.js';
import { unsubscribeRoutes } from './unsubscribe.js';

/** The public pages: subscribe, confirm, preferences, unsubscribe, manage, data download, the archive. */
export const publicRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  await app.register(subscribeRoutes, { ctx });
  await app.register(confirmRoutes, { ctx });
  await app.register(preferencesRoutes, { ctx });
  await app.register(unsubscribeRoutes, { ctx });
  await app.register(manageRoutes, { ctx });
  await app.register(dataExportRoutes, { ctx });
  await app.register(archiveRoutes, { ctx });
};
