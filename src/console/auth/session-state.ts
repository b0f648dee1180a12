import type { FastifyRequest } from 'fastify';
import type { ActiveSession } from '../../users/session-service.js';

/** What the session plugin learnt about a console request, for the pages and preHandlers after it. */
export interface ConsoleRequestState {
  /** The visitor's session, when signed in. */
  session: ActiveSession | null;
  /** ORG_NAME, for pages rendered where the context is out of reach (role refusals). */
  org: string;
}

const STATES = new WeakMap<FastifyRequest, ConsoleRequestState>();

/** Called by the session plugin once per console request. */
export function rememberConsoleState(request: FastifyRequest, state: ConsoleRequestState): void {
  STATES.set(request, state);
}

/** The request's session, if the visitor is signed in. */
export function sessionOf(request: FastifyRequest): ActiveSession | null {
  return STATES.get(request)?.session ?? null;
}

/** The organisation name for the page header. */
export function orgOf(request: FastifyRequest): string {
  return STATES.get(request)?.org ?? '';
}
