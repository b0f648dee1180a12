/**
 * What went wrong, in the domain's words. The HTTP error handler alone turns a kind into a status; the
 * kind is also the `error` field of a JSON error body.
 */
export type ErrorKind = 'invalid_input' | 'unauthorized' | 'not_found' | 'conflict' | 'too_large' | 'unsupported_media_type';

/** A failure the caller caused or can act on. `details` say more (for example, which fields are wrong). */
export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(message = 'Not found') {
    super('not_found', message);
  }
}

export class InvalidInputError extends DomainError {
  constructor(message: string, details?: unknown) {
    super('invalid_input', message, details);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string) {
    super('conflict', message);
  }
}

export class UnauthorizedError extends DomainError {
  constructor(message = 'A valid bearer token is required') {
    super('unauthorized', message);
  }
}

/** Something sent is bigger than its limit (an uploaded file, for instance). */
export class TooLargeError extends DomainError {
  constructor(message: string) {
    super('too_large', message);
  }
}

/** A body in a format the route does not take. */
export class UnsupportedMediaTypeError extends DomainError {
  constructor(message: string) {
    super('unsupported_media_type', message);
  }
}
