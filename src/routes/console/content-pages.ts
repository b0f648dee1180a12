import multipart from '@fastify/multipart';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { requireRole } from '../../console/auth/require-role.js';
import { consolePage } from '../../console/console-page.js';
import { type ConsoleView, consoleStrings } from '../../console/console-view.js';
import { formFields } from '../../console/form-body.js';
import { keepImportResult, readImportResult } from '../../console/import-results.js';
import { checkItemForm, eventErrors, type ItemFormValues, itemValues, newItemValues, readItemForm } from '../../console/item-form.js';
import { contentListBody, itemDeleteBody, itemFormBody } from '../../console/pages/content-page.js';
import { importSummaryBody, importsBody } from '../../console/pages/imports-page.js';
import { formatBytes } from '../../console/pages/page-parts.js';
import { ITEM_KINDS } from '../../domain/item-kinds.js';
import { DomainError, InvalidInputError } from '../../errors.js';
import { format } from '../../i18n/format.js';
import { LANGUAGES } from '../../i18n/languages.js';
import type { ImportSummary } from '../../import/import-summary.js';
import { cleanUploadPath, type UploadedFile } from '../../import/upload-paths.js';
import { getItem } from '../../items/item-repository.js';
import { searchItems } from '../../items/item-search.js';
import { lazy } from '../../lazy.js';
import { listTopics } from '../../topics/topic-repository.js';
import { filterText, pageNumber } from '../../console/list-query.js';

/** At most this many files in one upload (a lab's site without its images fits). */
export const MAX_UPLOAD_FILES = 50;
/** The files of one upload together hold at most this many times IMPORT_MAX_BYTES (they are read into memory). */
export const MAX_UPLOAD_BYTES_FACTOR = 4;

/** Items per page of the console's list. */
const PAGE_SIZE = 50;
const NOTICES = ['created', 'saved', 'deleted'] as const;
// Loaded on first use, as in the admin API's item routes: the importers' parsers and the language detection
// of item writes (franc) would add tens of MB to an API process that may never import or write an item.
const importers = lazy(() => import('../../import/import-sources.js'));
const itemWrites = lazy(() => import('../../items/item-service.js'));

const listQuery = z.object({
  q: filterText(200),
  kind: z.enum(ITEM_KINDS).optional().catch(undefined),
  topic: filterText(64),
  language: z.enum(LANGUAGES).optional().catch(undefined),
  page: pageNumber,
  done: z.enum(NOTICES).optional().catch(undefined),
});
const idParams = z.object({ id: z.coerce.number().int().positive() });
const keyParams = z.object({ key: z.string().max(64) });
const confirmBody = z.object({ confirm: z.literal('yes').optional().catch(undefined) }).passthrough();

/** Unknown topics are the one check the schema cannot make (they live in the database). */
function unknownTopics(err: unknown): string[] | null {
  if (!(err instanceof InvalidInputError)) return null;
  const topics = (err.details as { topics?: unknown } | undefined)?.topics;
  return Array.isArray(topics) ? topics.map(String) : null;
}

/**
 * The console's content pages (editors): items listed, filtered, added, edited and deleted with the JSON
 * API's schema and use cases; imports by upload or address through the same import functions, each
 * ending on its summary page.
 */
export const contentPages: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db, config } = ctx;
  // Up to MAX_UPLOAD_FILES files of at most IMPORT_MAX_BYTES each (one more part: the form's unused file
  // input sends an empty one), a few small fields. A folder upload names each file by its path in the folder.
  await app.register(multipart, {
    preservePath: true,
    limits: { fileSize: config.IMPORT_MAX_BYTES, files: MAX_UPLOAD_FILES + 1, fields: 5, parts: MAX_UPLOAD_FILES + 7 },
  });
  const maxTotalBytes = MAX_UPLOAD_BYTES_FACTOR * config.IMPORT_MAX_BYTES;
  app.addHook('preHandler', requireRole('editor'));
  const send = (reply: FastifyReply, page: string, status = 200) => reply.status(status).type('text/html; charset=utf-8').send(page);

  app.get('/', { schema: { hide: true, querystring: listQuery } }, async (request, reply) => {
    const view = request.consoleView;
    const s = consoleStrings(view);
    const { page, done, ...filter } = request.query;
    const { items, total } = searchItems(db, { ...filter, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    const body = contentListBody(view.lang, s, { filter, items, total, page, limit: PAGE_SIZE, topics: listTopics(db) });
    const notice = done ? s.content.notices[done] : null;
    return send(reply, consolePage(view, { title: s.content.title, body, area: 'content', notice, org: config.ORG_NAME }));
  });

  const formPage = (
    request: { consoleView: ConsoleView },
    reply: FastifyReply,
    opts: { title: string; action: string; values: ItemFormValues; errors: Record<string, string>; status?: number },
  ) => {
    const view = request.consoleView;
    const s = consoleStrings(view);
    const body = itemFormBody(view, s, { action: opts.action, values: opts.values, errors: opts.errors, topics: listTopics(db), timeZone: config.TIME_ZONE });
    return send(reply, consolePage(view, { title: opts.title, body, area: 'content', org: config.ORG_NAME }), opts.status);
  };

  const newQuery = z.object({ kind: z.enum(ITEM_KINDS).optional().catch(undefined) });
  app.get('/new', { schema: { hide: true, querystring: newQuery } }, async (request, reply) =>
    formPage(request, reply, {
      title: consoleStrings(request.consoleView).content.createTitle,
      action: '/admin/content',
      values: { ...newItemValues(), ...(request.query.kind ? { kind: request.query.kind } : {}) },
      errors: {},
    }),
  );

  app.post('/', { schema: { hide: true } }, async (request, reply) => {
    const s = consoleStrings(request.consoleView);
    const values = readItemForm(formFields(request));
    const again = (errors: Record<string, string>) =>
      formPage(request, reply, { title: s.content.createTitle, action: '/admin/content', values, errors, status: 422 });
    const checked = checkItemForm(s, values);
    if (!checked.ok) return again(checked.errors);
    try {
      (await itemWrites()).createItem(db, checked.input, config.TIME_ZONE);
    } catch (err) {
      const unknown = unknownTopics(err);
      if (unknown) return again({ topics: format(s.content.errors.unknownTopics, { topics: unknown.join(', ') }) });
      const event = err instanceof InvalidInputError ? eventErrors(s, err.details) : null;
      if (event) return again(event);
      throw err;
    }
    return reply.redirect('/admin/content?done=created', 303);
  });

  app.get('/:id/edit', { schema: { hide: true, params: idParams } }, async (request, reply) => {
    const item = getItem(db, request.params.id);
    const s = consoleStrings(request.consoleView);
    return formPage(request, reply, {
      title: format(s.content.editTitle, { title: item.title }),
      action: `/admin/content/${item.id}`,
      values: itemValues(item, config.TIME_ZONE),
      errors: {},
    });
  });

  app.post('/:id', { schema: { hide: true, params: idParams } }, async (request, reply) => {
    const item = getItem(db, request.params.id);
    const s = consoleStrings(request.consoleView);
    const values = readItemForm(formFields(request));
    const again = (errors: Record<string, string>) =>
      formPage(request, reply, { title: format(s.content.editTitle, { title: item.title }), action: `/admin/content/${item.id}`, values, errors, status: 422 });
    const checked = checkItemForm(s, values);
    if (!checked.ok) return again(checked.errors);
    // Every field of the form, an emptied one included: the editor's form is the whole item.
    const { url, venue, doi, endDate, startsAt, endsAt, location, ...rest } = checked.input;
    const cleared = { url: url ?? null, venue: venue ?? null, doi: doi ?? null, endDate: endDate ?? null, startsAt: startsAt ?? null, endsAt: endsAt ?? null };
    try {
      (await itemWrites()).updateItem(db, item.id, { ...rest, ...cleared, location: location ?? null }, config.TIME_ZONE);
    } catch (err) {
      const unknown = unknownTopics(err);
      if (unknown) return again({ topics: format(s.content.errors.unknownTopics, { topics: unknown.join(', ') }) });
      const event = err instanceof InvalidInputError ? eventErrors(s, err.details) : null;
      if (event) return again(event);
      throw err;
    }
    return reply.redirect('/admin/content?done=saved', 303);
  });

  app.get('/:id/delete', { schema: { hide: true, params: idParams } }, async (request, reply) => {
    const view = request.consoleView;
    const s = consoleStrings(view);
    const item = getItem(db, request.params.id);
    const body = itemDeleteBody(view, s, item);
    return send(reply, consolePage(view, { title: format(s.content.deleteTitle, { title: item.title }), body, area: 'content', org: config.ORG_NAME }));
  });

  app.post('/:id/delete', { schema: { hide: true, params: idParams, body: confirmBody } }, async (request, reply) => {
    if (request.body.confirm !== 'yes') return reply.redirect(`/admin/content/${request.params.id}/delete`, 303);
    (await itemWrites()).deleteItem(db, request.params.id);
    return reply.redirect('/admin/content?done=deleted', 303);
  });

  const importsPage = (
    request: { consoleView: ConsoleView },
    reply: FastifyReply,
    opts: { url?: string; errors?: { file?: string; url?: string }; status?: number } = {},
  ) => {
    const view = request.consoleView;
    const s = consoleStrings(view);
    const body = importsBody(view, s, { maxBytes: config.IMPORT_MAX_BYTES, url: opts.url, errors: opts.errors });
    const error = opts.errors?.file ?? opts.errors?.url ?? null;
    return send(reply, consolePage(view, { title: s.content.importsTitle, body, area: 'content', error, org: config.ORG_NAME }), opts.status);
  };
  /** An import that stored nothing because every file was broken is an error to show, as in the JSON API. */
  const failedWhole = (summary: ImportSummary) => summary.failed.length > 0 && summary.items.length === 0;
  const toSummary = async (reply: FastifyReply, summary: ImportSummary) =>
    reply.redirect(`/admin/content/imports/${await keepImportResult(ctx.redis, config.QUEUE_PREFIX, summary)}`, 303);

  app.get('/imports', { schema: { hide: true } }, async (request, reply) => importsPage(request, reply));

  app.post('/imports/upload', { schema: { hide: true } }, async (request, reply) => {
    const c = consoleStrings(request.consoleView).content;
    const lang = request.consoleView.lang;
    const refuse = (file: string, status: number) => importsPage(request, reply, { errors: { file }, status });
    if (!request.isMultipart()) return refuse(c.noFile, 400);
    const files: UploadedFile[] = [];
    let total = 0;
    let current = '';
    try {
      for await (const part of request.files()) {
        current = part.filename;
        const bytes = await part.toBuffer();
        // The form's other file input, left empty, sends a part without a name.
        if (!part.filename) continue;
        if (files.length >= MAX_UPLOAD_FILES) return refuse(format(c.tooMany, { count: MAX_UPLOAD_FILES }), 413);
        total += bytes.length;
        if (total > maxTotalBytes) return refuse(format(c.tooLargeTotal, { size: formatBytes(lang, maxTotalBytes) }), 413);
        files.push({ filename: part.filename, bytes });
      }
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === 'FST_FILES_LIMIT') return refuse(format(c.tooMany, { count: MAX_UPLOAD_FILES }), 413);
      if (code !== 'FST_REQ_FILE_TOO_LARGE') throw err;
      return refuse(format(c.tooLarge, { name: cleanUploadPath(current), size: formatBytes(lang, config.IMPORT_MAX_BYTES) }), 413);
    }
    if (files.length === 0) return refuse(c.noFile, 400);
    const summary = await (await importers()).importFromUploads(db, config, files);
    if (failedWhole(summary)) {
      const error = format(c.importFailed, { error: summary.failed.map((f) => f.message).join('; ') });
      return importsPage(request, reply, { errors: { file: error }, status: 400 });
    }
    return toSummary(reply, summary);
  });

  app.post('/imports/url', { schema: { hide: true } }, async (request, reply) => {
    const c = consoleStrings(request.consoleView).content;
    const url = formFields(request).text('url').trim().slice(0, 2048);
    if (!url) return importsPage(request, reply, { errors: { url: c.importUrlHint }, status: 400 });
    let summary: ImportSummary;
    try {
      summary = await (await importers()).importFromUrl(db, config, url);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      return importsPage(request, reply, { url, errors: { url: format(c.importFailed, { error: err.message }) }, status: 400 });
    }
    if (failedWhole(summary)) {
      const error = format(c.importFailed, { error: summary.failed.map((f) => f.message).join('; ') });
      return importsPage(request, reply, { url, errors: { url: error }, status: 400 });
    }
    return toSummary(reply, summary);
  });

  app.get('/imports/:key', { schema: { hide: true, params: keyParams } }, async (request, reply) => {
    const view = request.consoleView;
    const s = consoleStrings(view);
    const summary = await readImportResult(ctx.redis, config.QUEUE_PREFIX, request.params.key);
    const body = summary ? importSummaryBody(view.lang, s, summary) : null;
    return send(
      reply,
      consolePage(view, {
        title: s.content.summaryTitle,
        body: body ?? importsBody(view, s, { maxBytes: config.IMPORT_MAX_BYTES }),
        area: 'content',
        error: body ? null : s.content.summaryGone,
        org: config.ORG_NAME,
      }),
      body ? 200 : 404,
    );
  });
};
