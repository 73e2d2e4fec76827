/** A field-level complaint, as it appears in a problem+json `errors` array. */
export interface FieldError {
  /** Dotted path of the field in the request, e.g. `legs.0.city`. */
  field: string;
  messages: string[];
}

/**
 * Base of every typed business error. Each service subclasses it with its own
 * error-code enum; the HTTP edge (ProblemDetailsFilter) maps it to problem+json
 * in one place, so controllers never build error responses.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly status: number;
  /** Extra members for the problem document, e.g. `allowedTransitions`. */
  readonly extensions: Record<string, unknown> = {};

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class RequestValidationError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(`Invalid request: ${errors.map((e) => e.field).join(', ')}`);
    this.name = 'RequestValidationError';
  }
}
