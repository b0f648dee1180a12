import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { archiveFeed, listArchive, showArchiveIssue } from '../../archive/archive-service.js';
import type { AppContext } from '../../context.js';
import { renderArchiveIssue, renderArchiveList } from '../../pages/archive-page.js';
import { langQuerySchema, pageLanguage } from './route-helpers.js';

const periodParamsSchema = z.object({ period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a period like 2026-11') });

// Nothing personal is on these pages: shared caches may keep them for a few minutes.
const CACHE = 'public, max-age=300';

/** The public archive: the list of sent digests, each issue per language, and an Atom feed. ARCHIVE_PUBLIC=false: 404. */
export const archiveRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { config } = ctx;
  const page = { org: config.ORG_NAME, timeZone: config.TIME_ZONE };

  app.get('/archive', { schema: { tags: ['public'], summary: 'The sent digests (HTML)', querystring: langQuerySchema } }, async (request, reply) => {
    const lang = pageLanguage(request);
    const issues = listArchive(ctx, lang);
    return reply
      .header('cache-control', CACHE)
      .type('text/html; charset=utf-8')
      .send(renderArchiveList({ ...page, lang, issues }));
  });

  app.get(
    '/archive/feed.xml',
    { schema: { tags: ['public'], summary: 'The sent digests as an Atom feed', querystring: langQuerySchema } },
    async (request, reply) => {
      const xml = await archiveFeed(ctx, pageLanguage(request));
      return reply.header('cache-control', CACHE).type('application/atom+xml; charset=utf-8').send(xml);
    },
  );

  app.get(
    '/archive/:period',
    {
      schema: {
        tags: ['public'],
        summary: 'One sent digest as a reader with no topics got it, without any reader’s data (HTML)',
        params: periodParamsSchema,
        querystring: langQuerySchema,
      },
    },
    async (request, reply) => {
      const lang = pageLanguage(request);
      const { period } = request.params;
      const issue = await showArchiveIssue(ctx, period, lang);
      return reply
        .header('cache-control', CACHE)
        .type('text/html; charset=utf-8')
        .send(renderArchiveIssue({ ...page, lang, period, issue }));
    },
  );
};
