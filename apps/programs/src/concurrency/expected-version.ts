import { HttpStatus, createParamDecorator } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { DomainError, RequestValidationError } from '@diplomacy/service-kit';

export enum ConcurrencyErrorCode {
  PreconditionRequired = 'precondition-required',
  VersionConflict = 'version-conflict',
}

/** 428: an update without If-Match could silently overwrite someone else's change. */
export class PreconditionRequiredError extends DomainError {
  readonly code = ConcurrencyErrorCode.PreconditionRequired;
  readonly status = HttpStatus.PRECONDITION_REQUIRED;

  constructor() {
    super('Send If-Match with the version (or ETag) you last read');
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

/**
 * The version a write expects, from If-Match. Accepts what GET hands out (the
 * ETag `W/"3"`), a quoted `"3"` or a bare `3`, so clients may send back either the
 * ETag header or the `version` field.
 */
export class ExpectedVersion {
  static parse(header: string | undefined): number | undefined {
    if (header === undefined || header.trim() === '') return undefined;
    const match = /^\s*(?:W\/)?"?([1-9]\d{0,9})"?\s*$/.exec(header);
    if (!match || Number(match[1]) > 2_147_483_647) {
      throw new RequestValidationError([{ field: 'If-Match', messages: ['If-Match must be the version, e.g. W/"3" or "3"'] }]);
    }
    return Number(match[1]);
  }

  static require(header: string | undefined): number {
    const version = ExpectedVersion.parse(header);
    if (version === undefined) throw new PreconditionRequiredError();
    return version;
  }

  static etag(version: number): string {
    return `W/"${version}"`;
  }
}

/** The If-Match version of a request that must carry one (428 otherwise). */
export const IfMatchVersion = createParamDecorator((_data: unknown, context: ExecutionContext): number =>
  ExpectedVersion.require(context.switchToHttp().getRequest<Request>().headers['if-match']),
);

/** The If-Match version when the client sent one; writes that are safe without it take this. */
export const OptionalIfMatchVersion = createParamDecorator((_data: unknown, context: ExecutionContext): number | undefined =>
  ExpectedVersion.parse(context.switchToHttp().getRequest<Request>().headers['if-match']),
);
