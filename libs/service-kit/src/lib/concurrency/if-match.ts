import { HttpStatus, createParamDecorator } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { DomainError, RequestValidationError } from '../http/domain-error';

/**
 * The codes of the shared optimistic-concurrency answers. A service whose clients already know
 * codes of its own (scheduling's `stale-version`, community-events' `community-event-version-*`)
 * keeps raising its own errors with them; only the reading of the header is shared.
 */
export enum ConcurrencyErrorCode {
  PreconditionRequired = 'precondition-required',
  VersionConflict = 'version-conflict',
}

/** 428: an update without If-Match could silently overwrite someone else's change. */
export class PreconditionRequiredError extends DomainError {
  readonly code = ConcurrencyErrorCode.PreconditionRequired;
  readonly status = HttpStatus.PRECONDITION_REQUIRED;

  constructor(detail = 'Send If-Match with the version (or ETag) you last read, so a change never overwrites one you have not seen') {
    super(detail);
  }
}

/** 412: the resource changed since the client read it; nothing was written. */
export class VersionConflictError extends DomainError {
  readonly code = ConcurrencyErrorCode.VersionConflict;
  readonly status = HttpStatus.PRECONDITION_FAILED;

  constructor(what: string, expected: number, current: number) {
    super(`${what} is at version ${current}, not ${expected}; read it again and reapply your change`);
    Object.assign(this.extensions, { expectedVersion: expected, currentVersion: current });
  }
}

/** Versions are Postgres `integer`s, counted from 1. */
const MAX_VERSION = 2_147_483_647;
/** `W/"3"`, `"3"` or `3`, with surrounding spaces: what the services hand out and what clients send back. */
const IF_MATCH = /^\s*(?:W\/)?"?([1-9]\d{0,9})"?\s*$/;

/**
 * If-Match as the services use it: the ETag is the entity's version. Every form of it is
 * accepted, weak (`W/"3"`, what programs emits), strong (`"3"`, what scheduling and
 * community-events emit) or bare (`3`, the body's `version` field), so a client may send back
 * either the ETag header or the version it read, whichever service it talks to. A list of
 * tags or `*` is refused: a write names the one version it read.
 */
export const IfMatch = {
  /** The version, or undefined when there is no header. Anything else is a 400 naming `If-Match`. */
  parse(header: string | undefined): number | undefined {
    if (header === undefined || header.trim() === '') return undefined;
    const match = IF_MATCH.exec(header);
    if (!match || Number(match[1]) > MAX_VERSION) {
      throw new RequestValidationError([{ field: 'If-Match', messages: ['If-Match must be the version you read, e.g. "3" or W/"3"'] }]);
    }
    return Number(match[1]);
  },

  /** The version of a write that must carry one: 428 `precondition-required` without it. */
  require(header: string | undefined): number {
    const version = IfMatch.parse(header);
    if (version === undefined) throw new PreconditionRequiredError();
    return version;
  },

  /** The ETag of a version: strong `"3"` unless the service has always answered weak `W/"3"`. */
  etag(version: number, strength: 'strong' | 'weak' = 'strong'): string {
    return strength === 'weak' ? `W/"${version}"` : `"${version}"`;
  },
};

const ifMatchOf = (context: ExecutionContext): string | undefined => context.switchToHttp().getRequest<Request>().headers['if-match'];

/** The If-Match version of a request that must carry one (428 otherwise, 400 when unreadable). */
export const IfMatchVersion = createParamDecorator((_data: unknown, context: ExecutionContext): number => IfMatch.require(ifMatchOf(context)));

/**
 * The If-Match version when the client sent one (400 when unreadable). For writes that are safe
 * without it, or whose service answers a missing one with a 428 of its own code.
 */
export const OptionalIfMatchVersion = createParamDecorator((_data: unknown, context: ExecutionContext): number | undefined => IfMatch.parse(ifMatchOf(context)));
