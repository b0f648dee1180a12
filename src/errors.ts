/** A failure the caller caused or can act on; the error handler maps it to its HTTP status. */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly statusCode: number,
    readonly code: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(message = 'Not found') {
    super(message, 404, 'not_found');
  }
}

export class InvalidInputError extends DomainError {
  constructor(message: string, details?: unknown) {
    super(message, 400, 'invalid_input', details);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string) {
    super(message, 409, 'conflict');
  }
}

export class UnauthorizedError extends DomainError {
  constructor(message = 'A valid bearer token is required') {
    super(message, 401, 'unauthorized');
  }
}
