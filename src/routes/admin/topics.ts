import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { createTopic, deleteTopic, ensureTopics, getTopic, listTopics, updateTopic } from '../../topics/topic-repository.js';
import { topicInputSchema, topicPatchSchema, topicSchema } from '../../topics/topic-schema.js';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const security = [{ bearer: [] }];

/** Admin CRUD for topics, plus a bulk load of the same shape as the starter file. */
export const topicRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db } = ctx;
  app.get('/', { schema: { tags: ['topics'], security, response: { 200: z.object({ topics: z.array(topicSchema) }) } } }, async () => ({
    topics: listTopics(db),
  }));
  app.get('/:id', { schema: { tags: ['topics'], security, params: idParams, response: { 200: topicSchema } } }, async (req) => getTopic(db, req.params.id));
  app.post('/', { schema: { tags: ['topics'], security, body: topicInputSchema, response: { 201: topicSchema } } }, async (req, reply) =>
    reply.status(201).send(createTopic(db, req.body)),
  );
  app.post(
    '/bulk',
    {
      schema: {
        tags: ['topics'],
        security,
        body: z.array(topicInputSchema).max(500),
        response: { 200: z.object({ created: z.array(z.string()) }) },
      },
    },
    async (req) => ({ created: ensureTopics(db, req.body) }),
  );
  app.patch('/:id', { schema: { tags: ['topics'], security, params: idParams, body: topicPatchSchema, response: { 200: topicSchema } } }, async (req) =>
    updateTopic(db, req.params.id, req.body),
  );
  app.delete('/:id', { schema: { tags: ['topics'], security, params: idParams } }, async (req, reply) => {
    deleteTopic(db, req.params.id);
    return reply.status(204).send();
  });
};
