import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import type { AppContext } from '../../../context.js';
import { pickLanguage } from '../../../i18n/language.js';

/**
 * STUB until the sessions work lands: every console request gets a ConsoleView with a stand-in admin
 * (or the role in the `x-console-stub-role` header), no CSRF check. Replaced by the real session plugin.
 */
const plugin: FastifyPluginAsync<{ ctx: AppContext }> = async (app) => {
  app.decorateRequest('consoleView', null as never);
  app.addHook('onRequest', async (request) => {
    const role = request.headers['x-console-stub-role'] === 'editor' ? 'editor' : 'admin';
    request.consoleView = {
      user: { id: 0, email: `stub-${role}@example.org`, name: null, role },
      lang: pickLanguage((request.query as { lang?: unknown } | undefined)?.lang, request.headers['accept-language']),
      csrfToken: 'stub',
      path: request.url.split('?')[0] ?? '/admin',
    };
  });
};

export const sessionPlugin = fp(plugin, { name: 'console-session' });
