import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { createJsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from './context.js';
import { cspDirectives } from './http/csp.js';
import { errorHandler } from './http/error-handler.js';
import { adminRoutes } from './routes/admin/index.js';
import { bounceWebhookRoutes } from './routes/bounces/webhook.js';
import { consoleRoutes } from './routes/console/index.js';
import { healthRoutes } from './routes/health.js';
import { NotFoundError, UnsupportedMediaTypeError } from './errors.js';
import { publicRoutes } from './routes/public/index.js';

/** Largest request body accepted anywhere but the import upload (which has its own limit). */
export const BODY_LIMIT = 64 * 1024;

/** The charset names a body may declare: UTF-8 and its ASCII subset. */
const UTF8_NAMES = new Set(['utf-8', 'utf8', 'us-ascii', 'ascii']);

/** Builds the Fastify app: outside plugins first, then the app's routes. Does not listen. */
export async function buildApp(ctx: AppContext, opts: { logger?: FastifyBaseLogger } = {}) {
  const app = Fastify({
    // Fastify 5 takes a ready pino instance as loggerInstance (as `logger` it refuses to start).
    ...(opts.logger ? { loggerInstance: opts.logger } : { logger: false }),
    bodyLimit: BODY_LIMIT,
    // One hop: the client is the address our proxy saw (the last X-Forwarded-For entry). `true` would take
    // the first entry, which the client writes itself, and let it dodge every limit keyed by its address.
    trustProxy: ctx.config.TRUST_PROXY ? (_address: string, hop: number) => hop === 0 : false,
    requestTimeout: 30_000,
    // Tokens are ~40 characters; a longer one must still reach our 404 page, not Fastify's 414.
    routerOptions: { maxParamLength: 500 },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) => errorHandler(new NotFoundError() as never, request, reply));

  // Every body parser here reads UTF-8; a body declared in another charset would be read as something else.
  app.addHook('preParsing', async (request) => {
    const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(request.headers['content-type'] ?? '')?.[1]?.toLowerCase();
    if (charset !== undefined && !UTF8_NAMES.has(charset)) throw new UnsupportedMediaTypeError('Send the body in UTF-8 (charset=utf-8)');
  });

  await app.register(helmet, {
    contentSecurityPolicy: { directives: cspDirectives(ctx.config.PUBLIC_URL) },
  });
  await app.register(formbody, { bodyLimit: BODY_LIMIT });
  await app.register(rateLimit, {
    global: false,
    redis: ctx.redis,
    nameSpace: `${ctx.config.QUEUE_PREFIX}:rate-limit:`,
    skipOnError: true,
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'labdigest API', version: '0.1.0', description: 'Admin JSON API and public JSON endpoints of labdigest.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: createJsonSchemaTransform({ skipList: ['/docs', '/docs/*'] }),
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  await app.register(healthRoutes, { ctx });
  await app.register(publicRoutes, { ctx });
  await app.register(adminRoutes, { ctx, prefix: '/api/admin' });
  await app.register(bounceWebhookRoutes, { ctx, prefix: '/api/bounces' });
  await app.register(consoleRoutes, { ctx, prefix: '/admin' });
  return app;
}

export type App = FastifyInstance;
