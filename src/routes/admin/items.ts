import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { InvalidInputError, TooLargeError } from '../../errors.js';
import { importSummarySchema, type ImportSummary } from '../../import/import-summary.js';
import { getItem, itemToJson, listItems } from '../../items/item-repository.js';
import { itemInputSchema, itemListQuerySchema, itemListSchema, itemPatchSchema, itemSchema } from '../../items/item-schema.js';
import { lazy } from '../../lazy.js';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const importUrlBody = z.object({ url: z.string().trim().min(1).max(2048) });
const security = [{ bearer: [] }];
const tags = ['items'];
// Loaded on first use: the importers (YAML, XML, Markdown parsers) and the language detection of item writes
// (franc's trigram tables) would add tens of MB to an API process that may never import or write an item.
const importers = lazy(() => import('../../import/import-sources.js'));
const itemWrites = lazy(() => import('../../items/item-service.js'));

/** A whole import that stored nothing because its only file was broken is a bad request, not a success. */
function answer(summary: ImportSummary): ImportSummary {
  if (summary.failed.length > 0 && summary.items.length === 0) {
    throw new InvalidInputError(summary.failed.map((f) => f.message).join('; '), summary);
  }
  return summary;
}

/** Admin CRUD for items, and import from an uploaded file or a URL. */
export const itemRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db, config } = ctx;
  await app.register(multipart, { limits: { fileSize: config.IMPORT_MAX_BYTES, files: 1, fields: 5, parts: 6 } });

  app.get('/', { schema: { tags, security, querystring: itemListQuerySchema, response: { 200: itemListSchema } } }, async (req) => {
    const { items, total } = listItems(db, req.query);
    return { items: items.map(itemToJson), total, limit: req.query.limit, offset: req.query.offset };
  });
  app.get('/:id', { schema: { tags, security, params: idParams, response: { 200: itemSchema } } }, async (req) => itemToJson(getItem(db, req.params.id)));
  app.post('/', { schema: { tags, security, body: itemInputSchema, response: { 201: itemSchema } } }, async (req, reply) => {
    const { createItem } = await itemWrites();
    return reply.status(201).send(itemToJson(createItem(db, req.body, config.TIME_ZONE)));
  });
  app.patch('/:id', { schema: { tags, security, params: idParams, body: itemPatchSchema, response: { 200: itemSchema } } }, async (req) => {
    const { updateItem } = await itemWrites();
    return itemToJson(updateItem(db, req.params.id, req.body, config.TIME_ZONE));
  });
  app.delete('/:id', { schema: { tags, security, params: idParams } }, async (req, reply) => {
    const { deleteItem } = await itemWrites();
    deleteItem(db, req.params.id);
    return reply.status(204).send();
  });

  app.post(
    '/import',
    {
      schema: {
        tags,
        security,
        summary: 'Import items from an uploaded file or a URL',
        description:
          'Send multipart/form-data with one file (.md with front matter, .bib, or an RSS/Atom .xml), or JSON {"url": "https://..."}. ' +
          'Re-importing updates in place. The answer lists added, updated, unchanged, skipped (with reasons), failed files and new topics.',
        consumes: ['multipart/form-data', 'application/json'],
        response: { 200: importSummarySchema },
      },
    },
    async (req) => {
      if (req.isMultipart()) {
        const file = await req.file();
        if (!file) throw new InvalidInputError('Send one file in the multipart body');
        let bytes: Buffer;
        try {
          bytes = await file.toBuffer();
        } catch (err) {
          if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
            throw new TooLargeError(`${file.filename} is larger than the import limit of ${config.IMPORT_MAX_BYTES} bytes (IMPORT_MAX_BYTES)`);
          }
          throw err;
        }
        return answer(await (await importers()).importFromUpload(db, config, file.filename, bytes));
      }
      const body = importUrlBody.safeParse(req.body);
      if (!body.success) throw new InvalidInputError('Send a file as multipart/form-data, or JSON {"url": "https://..."}');
      return answer(await (await importers()).importFromUrl(db, config, body.data.url));
    },
  );
};
