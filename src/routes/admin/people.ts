import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { getPerson, listPeople } from '../../people/person-repository.js';
import { personInputSchema, personListQuerySchema, personListSchema, personPatchSchema, personSchema } from '../../people/person-schema.js';
import { createPerson, deletePerson, updatePerson } from '../../people/person-service.js';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const security = [{ bearer: [] }];
const tags = ['people'];

/** Admin CRUD for the lab's team members (imports add and update them too). */
export const peopleRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db } = ctx;
  app.get('/', { schema: { tags, security, querystring: personListQuerySchema, response: { 200: personListSchema } } }, async (req) => {
    const { people, total } = listPeople(db, req.query);
    return { people, total, limit: req.query.limit, offset: req.query.offset };
  });
  app.get('/:id', { schema: { tags, security, params: idParams, response: { 200: personSchema } } }, async (req) => getPerson(db, req.params.id));
  app.post('/', { schema: { tags, security, body: personInputSchema, response: { 201: personSchema } } }, async (req, reply) =>
    reply.status(201).send(createPerson(db, req.body)),
  );
  app.patch('/:id', { schema: { tags, security, params: idParams, body: personPatchSchema, response: { 200: personSchema } } }, async (req) =>
    updatePerson(db, req.params.id, req.body),
  );
  app.delete('/:id', { schema: { tags, security, params: idParams } }, async (req, reply) => {
    deletePerson(db, req.params.id);
    return reply.status(204).send();
  });
};
