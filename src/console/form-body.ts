import type { FastifyRequest } from 'fastify';

/** A posted console form as text fields: a repeated field keeps its first value unless asked for all. */
export interface FormFields {
  text(name: string): string;
  all(name: string): string[];
  has(name: string): boolean;
}

/** Reads a urlencoded console form (already parsed by @fastify/formbody) without trusting its shape. */
export function formFields(request: FastifyRequest): FormFields {
  const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
  const list = (name: string): string[] => {
    const v = Object.hasOwn(body, name) ? body[name] : undefined;
    if (typeof v === 'string') return [v];
    if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
    return [];
  };
  return {
    text: (name) => list(name)[0] ?? '',
    all: list,
    has: (name) => list(name).length > 0,
  };
}
