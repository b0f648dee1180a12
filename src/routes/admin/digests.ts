import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { deliveriesPageSchema, deliveriesQuerySchema } from '../../deliveries/delivery-schema.js';
import { pauseDigest, resumePausedDigest, retryFailedDeliveries } from '../../digests/digest-controls.js';
import { getDigest, listDigests } from '../../digests/digest-repository.js';
import { digestCreateSchema, digestSchema, planRequestOf } from '../../digests/digest-schema.js';
import { cancelDigest, previewDelivery, triggerDigest } from '../../digests/digest-service.js';
import { digestDeliveriesView, digestView } from '../../digests/digest-view.js';
import { profileChangeSchema, profileReviewSchema, provenanceSchema, testSendSchema } from '../../review/review-schema.js';
import { approveDigest, changeProfile, listProfiles, regenerateProfile, testSendProfile } from '../../review/review-service.js';
import { digestProvenance } from '../../review/provenance.js';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const profileParams = z.object({ id: z.coerce.number().int().positive(), pid: z.coerce.number().int().positive() });
const security = [{ bearer: [] }];
const tags = ['digests'];

/** Admin digest routes: trigger, list, show, deliveries, cancel, preview, pause, resume, retry failed; review (profiles, changes, regenerate, test send, approve, provenance). */
export const digestRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db } = ctx;

  app.post(
    '/',
    {
      schema: {
        tags,
        security,
        description: 'Plans the digest for a period (default: this month) and queues it. Triggering a period twice returns the same digest.',
        body: digestCreateSchema.default({ dryRun: false }),
        response: { 202: z.object({ id: z.number().int(), created: z.boolean(), digest: digestSchema }) },
      },
    },
    async (req, reply) => {
      const { digest, created } = await triggerDigest(ctx, planRequestOf(req.body));
      return reply.status(202).send({ id: digest.id, created, digest: digestView(db, digest) });
    },
  );

  app.get('/', { schema: { tags, security, response: { 200: z.object({ digests: z.array(digestSchema) }) } } }, async () => ({
    digests: listDigests(db).map((d) => digestView(db, d)),
  }));

  app.get('/:id', { schema: { tags, security, params: idParams, response: { 200: digestSchema } } }, async (req) =>
    digestView(db, getDigest(db, req.params.id)),
  );

  app.get(
    '/:id/deliveries',
    { schema: { tags, security, params: idParams, querystring: deliveriesQuerySchema, response: { 200: deliveriesPageSchema } } },
    async (req) => digestDeliveriesView(db, req.params.id, req.query),
  );

  app.post('/:id/cancel', { schema: { tags, security, params: idParams, response: { 200: digestSchema } } }, async (req) =>
    digestView(db, await cancelDigest(ctx, req.params.id)),
  );

  app.get(
    '/:id/preview',
    {
      schema: {
        tags,
        security,
        description: 'The exact HTML this reader gets or got (text/html); `format=text` for the plain-text part.',
        params: idParams,
        querystring: z.object({ subscriber: z.coerce.number().int().positive(), format: z.enum(['html', 'text']).default('html') }),
      },
    },
    async (req, reply) => {
      const mail = previewDelivery(ctx, req.params.id, req.query.subscriber);
      reply.header('x-email-subject', encodeURIComponent(mail.subject));
      // The preview is an email, not a page of ours: keep it from running anything or loading remote content.
      reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox");
      if (req.query.format === 'text') return reply.type('text/plain; charset=utf-8').send(mail.text);
      return reply.type('text/html; charset=utf-8').send(mail.html);
    },
  );

  // Controls of a digest in flight: pause, resume, retry failed (src/digests/digest-controls.ts).
  app.post(
    '/:id/pause',
    {
      schema: {
        tags,
        security,
        description: 'Pauses a digest that is sending: queued emails wait until it is resumed (one already at the relay finishes). 409 otherwise.',
        params: idParams,
        body: z
          .object({ reason: z.string().trim().max(500).optional() })
          .strict()
          // No body at all arrives as null.
          .nullish(),
        response: { 200: digestSchema },
      },
    },
    async (req) => digestView(db, await pauseDigest(ctx, req.params.id, req.body?.reason ?? '')),
  );

  app.post(
    '/:id/resume',
    {
      schema: {
        tags,
        security,
        description: 'Resumes a paused digest: its waiting emails are queued again. 409 otherwise.',
        params: idParams,
        response: { 200: digestSchema },
      },
    },
    async (req) => digestView(db, await resumePausedDigest(ctx, req.params.id)),
  );

  app.post(
    '/:id/retry-failed',
    {
      schema: {
        tags,
        security,
        description: 'Sends the failed emails of a sending, paused or sent digest again (readers still subscribed); never resends a sent one.',
        params: idParams,
        response: { 200: z.object({ digest: digestSchema, retried: z.number().int() }) },
      },
    },
    async (req) => {
      const { digest, retried } = await retryFailedDeliveries(ctx, req.params.id);
      return { digest: digestView(db, digest), retried };
    },
  );

  // --- Review (src/review/review-service.ts): the bearer token acts as `api`. ---
  const actor = 'api';

  app.get(
    '/:id/profiles',
    { schema: { tags, security, params: idParams, response: { 200: z.object({ profiles: z.array(profileReviewSchema) }) } } },
    async (req) => ({ profiles: listProfiles(ctx, req.params.id) }),
  );

  app.patch(
    '/:id/profiles/:pid',
    {
      schema: {
        tags,
        security,
        description: 'Edits a line (checked again like model output), keeps a flagged line on purpose, or puts the fallback text back. Only in review.',
        params: profileParams,
        body: profileChangeSchema,
        response: { 200: profileReviewSchema },
      },
    },
    async (req) => changeProfile(ctx, req.params.id, req.params.pid, req.body, actor),
  );

  app.post(
    '/:id/profiles/:pid/regenerate',
    {
      schema: {
        tags,
        security,
        description: 'Asks the model again for this profile; the new text replaces the old when it arrives. Only in review.',
        params: profileParams,
        response: { 202: z.object({ queued: z.literal(true) }) },
      },
    },
    async (req, reply) => {
      await regenerateProfile(ctx, req.params.id, req.params.pid, actor);
      return reply.status(202).send({ queued: true });
    },
  );

  app.post(
    '/:id/profiles/:pid/test-send',
    {
      schema: {
        tags,
        security,
        description: 'Sends this profile’s email to one address, subject marked as a test; never a delivery.',
        params: profileParams,
        body: testSendSchema,
        response: { 202: z.object({ messageId: z.string() }) },
      },
    },
    async (req, reply) => reply.status(202).send(await testSendProfile(ctx, req.params.id, req.params.pid, req.body.to, actor)),
  );

  app.post(
    '/:id/approve',
    {
      schema: {
        tags,
        security,
        description: 'Approves a digest in review: flagged lines nobody edited or kept are replaced by the items’ own text, then it is sent.',
        params: idParams,
        response: { 200: digestSchema },
      },
    },
    async (req) => digestView(db, await approveDigest(ctx, req.params.id, actor)),
  );

  app.get('/:id/provenance', { schema: { tags, security, params: idParams, response: { 200: provenanceSchema } } }, async (req) =>
    digestProvenance(ctx, req.params.id),
  );
  // --- end of review ---
};
