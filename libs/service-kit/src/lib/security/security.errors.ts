import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../http/domain-error';

export enum SecurityErrorCode {
  Unauthenticated = 'unauthenticated',
  InvalidToken = 'invalid-token',
  Forbidden = 'forbidden',
  OrganisationMismatch = 'organisation-mismatch',
  RateLimited = 'rate-limited',
}

/** 401: no bearer token on a route that needs one. */
export class AuthenticationRequiredError extends DomainError {
  readonly code = SecurityErrorCode.Unauthenticated;
  readonly status = HttpStatus.UNAUTHORIZED;
  constructor() {
    super('This route needs a bearer token');
  }
}

/** 401: a token that does not verify. The reason is logged, never sent: it would help a forger. */
export class InvalidTokenError extends DomainError {
  readonly code = SecurityErrorCode.InvalidToken;
  readonly status = HttpStatus.UNAUTHORIZED;
  constructor(readonly reason: string) {
    super('The bearer token is invalid or expired');
  }
}

/** 403: a valid caller outside the route's roles (or a read-only role trying to write). */
export class ForbiddenRoleError extends DomainError {
  readonly code = SecurityErrorCode.Forbidden;
  readonly status = HttpStatus.FORBIDDEN;
  constructor() {
    super('Your role does not allow this');
  }
}

/** 403: a caller asked to create something for an organisation they do not act for. */
export class OrganisationMismatchError extends DomainError {
  readonly code = SecurityErrorCode.OrganisationMismatch;
  readonly status = HttpStatus.FORBIDDEN;
  constructor() {
    super('You can only act for your own organisation');
  }
}

/** 429, with Retry-After set by the guard. */
export class RateLimitedError extends DomainError {
  readonly code = SecurityErrorCode.RateLimited;
  readonly status = HttpStatus.TOO_MANY_REQUESTS;
  constructor(retryAfterSeconds: number) {
    super('Too many requests; slow down');
    this.extensions['retryAfterSeconds'] = retryAfterSeconds;
  }
}
