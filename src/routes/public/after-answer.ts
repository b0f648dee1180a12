import type { FastifyReply } from 'fastify';

/**
 * Runs `work` once the answer has been handed to the client, so nothing in the answer (status, body,
 * headers, time) can depend on what the work finds: signup and "email me a link" answer the same for
 * known and unknown addresses because the lookup, insert or update happens after the answer went out.
 * A failure is logged; the visitor already has the answer they would get anyway.
 */
export function afterAnswer(reply: FastifyReply, work: () => void): void {
  let started = false;
  const run = () => {
    if (started) return;
    started = true;
    try {
      work();
    } catch (err) {
      reply.log.error({ err }, 'work after the answer failed');
    }
  };
  // 'finish': the whole answer was written; 'close' alone: the client went away, the request still counts.
  reply.raw.once('finish', run);
  reply.raw.once('close', run);
}
