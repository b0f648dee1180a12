import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordWebhookEvents, webhookBodySchema } from '../../bounces/bounce-webhook.js';
import type { AppContext } from '../../context.js';
import { UnauthorizedError } from '../../errors.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Compares the bearer token with BOUNCE_WEBHOOK_TOKEN in constant time. */
function requireWebhookToken(token: string) {
  const expected = digest(token);
  return async (request: FastifyRequest) => {
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    if (!match || !timingSafeEqual(digest(match[1]!), expected)) throw new UnauthorizedError();
  };
}

const outcome = z.enum(['applied', 'duplicate', 'unmatched', 'reader-gone']);

/**
 * POST /api/bounces/webhook: bounces and complaints posted by a relay, behind BOUNCE_WEBHOOK_TOKEN. Not
 * registered without the token, so it answers 404 like any unknown path.
 */
export const bounceWebhookRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const token = ctx.config.BOUNCE_WEBHOOK_TOKEN;
  if (!token) return;
  app.addHook('onRequest', requireWebhookToken(token));
  app.post(
    '/webhook',
    {
      schema: {
        tags: ['bounces'],
        security: [{ bearer: [] }],
        summary: 'Bounces and complaints from a relay (bearer BOUNCE_WEBHOOK_TOKEN); applied like those read from the bounce mailbox',
        body: webhookBodySchema,
        response: { 200: z.object({ outcomes: z.array(outcome) }) },
      },
    },
    async (request) => ({ outcomes: await recordWebhookEvents(ctx, request.body.events) }),
  );
};
