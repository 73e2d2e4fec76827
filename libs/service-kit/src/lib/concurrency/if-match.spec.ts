import 'reflect-metadata';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import type { ExecutionContext } from '@nestjs/common';
import { RequestValidationError } from '../http/domain-error';
import { IfMatch, IfMatchVersion, OptionalIfMatchVersion, PreconditionRequiredError, VersionConflictError } from './if-match';

describe('IfMatch', () => {
  it.each([
    ['W/"3"', 3],
    ['"3"', 3],
    ['3', 3],
    [' W/"12" ', 12],
    ['"2147483647"', 2_147_483_647],
  ])('reads %s as version %d', (header, version) => {
    expect(IfMatch.require(header)).toBe(version);
  });

  it('round-trips both ETag forms the services emit', () => {
    expect(IfMatch.etag(7)).toBe('"7"');
    expect(IfMatch.etag(7, 'weak')).toBe('W/"7"');
    expect(IfMatch.require(IfMatch.etag(7))).toBe(7);
    expect(IfMatch.require(IfMatch.etag(7, 'weak'))).toBe(7);
  });

  it('tells a missing header (undefined, or 428 when required) from an unreadable one (400)', () => {
    expect(IfMatch.parse(undefined)).toBeUndefined();
    expect(IfMatch.parse('  ')).toBeUndefined();
    expect(() => IfMatch.require(undefined)).toThrow(PreconditionRequiredError);
    expect(() => IfMatch.require(' ')).toThrow(PreconditionRequiredError);
  });

  it.each(['*', '"abc"', 'W/"abc"', '0', '"0"', '"-1"', '"07"', '2147483648', '99999999999', '"3", "4"'])('refuses %s as a malformed If-Match, naming the header', (header) => {
    expect(() => IfMatch.parse(header)).toThrow(RequestValidationError);
    try {
      IfMatch.parse(header);
    } catch (error) {
      expect((error as RequestValidationError).errors.map((e) => e.field)).toEqual(['If-Match']);
    }
  });

  it('answers 428 precondition-required and 412 version-conflict with both versions', () => {
    const required = new PreconditionRequiredError();
    expect([required.status, required.code]).toEqual([428, 'precondition-required']);
    const conflict = new VersionConflictError('Program p1', 2, 3);
    expect([conflict.status, conflict.code]).toEqual([412, 'version-conflict']);
    expect(conflict.extensions).toMatchObject({ expectedVersion: 2, currentVersion: 3 });
    expect(conflict.message).toContain('Program p1 is at version 3, not 2');
  });
});

describe('If-Match parameter decorators', () => {
  /** Runs a param decorator's factory as Nest would for a request with these headers. */
  function resolve(decorator: () => ParameterDecorator, headers: Record<string, string>): unknown {
    class Probe {
      handler(version: unknown): unknown {
        return version;
      }
    }
    decorator()(Probe.prototype, 'handler', 0);
    const metadata = Reflect.getMetadata(ROUTE_ARGS_METADATA, Probe, 'handler') as Record<string, { factory: (data: unknown, context: ExecutionContext) => unknown }>;
    const [{ factory }] = Object.values(metadata);
    const context = { switchToHttp: () => ({ getRequest: () => ({ headers }) }) } as unknown as ExecutionContext;
    return factory(undefined, context);
  }

  it('IfMatchVersion requires the header', () => {
    expect(resolve(IfMatchVersion, { 'if-match': 'W/"4"' })).toBe(4);
    expect(() => resolve(IfMatchVersion, {})).toThrow(PreconditionRequiredError);
  });

  it('OptionalIfMatchVersion leaves a missing header to the use case, but still refuses a malformed one', () => {
    expect(resolve(OptionalIfMatchVersion, { 'if-match': '"5"' })).toBe(5);
    expect(resolve(OptionalIfMatchVersion, {})).toBeUndefined();
    expect(() => resolve(OptionalIfMatchVersion, { 'if-match': 'yesterday' })).toThrow(RequestValidationError);
  });
});
