import type { FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { InvalidInputError } from '../../errors.js';
import { pageStrings } from '../../i18n/page-strings.js';
import { fieldErrorsOf, type FieldErrors } from '../../subscribers/form-errors.js';

/** A form as its schema read it: the parsed form, or the field errors and the body as it came. */
export type FormOutcome<T> = { ok: true; form: T } | { ok: false; errors: FieldErrors; raw: unknown };

/**
 * The outcome of the route's body schema. Form routes set `attachValidation`, so Fastify validates the body
 * once with the form's schema and leaves a failure to the handler, which shows the form again. A failure in
 * another part of the request (an overlong ?lang=) is ignored, as it always was: pages fall back to a
 * default language.
 */
export function formOutcome<T>(request: { body: T; validationError?: FastifyRequest['validationError'] }): FormOutcome<T> {
  const error = request.validationError;
  if (error?.validationContext !== 'body') return { ok: true, form: request.body };
  // A schema that threw (the database behind the topic check, say) is our failure, not the reader's.
  if (!hasZodFastifySchemaValidationErrors(error)) throw error;
  const issues = error.validation.map((v: { instancePath: string; message?: string }) => ({
    path: v.instancePath.split('/').slice(1),
    message: v.message ?? '',
  }));
  // Validation failed, so Fastify left the body as it came.
  return { ok: false, errors: fieldErrorsOf(issues), raw: request.body };
}

/** A rejected form that came as JSON: the JSON 400, each field with its English message. */
export function invalidForm(errors: FieldErrors): InvalidInputError {
  const messages = pageStrings('en').errors;
  const details = Object.entries(errors).flatMap(([field, code]) => (code ? [{ field, message: messages[code] }] : []));
  return new InvalidInputError('The request is not valid', details);
}
