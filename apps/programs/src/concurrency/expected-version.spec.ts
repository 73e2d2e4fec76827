import { RequestValidationError } from '@diplomacy/service-kit';
import { ExpectedVersion, PreconditionRequiredError } from './expected-version';

describe('ExpectedVersion', () => {
  it.each([
    ['W/"3"', 3],
    ['"3"', 3],
    ['3', 3],
    [' W/"12" ', 12],
  ])('reads %s as version %d', (header, version) => {
    expect(ExpectedVersion.require(header)).toBe(version);
  });

  it('round-trips its own ETag', () => {
    expect(ExpectedVersion.require(ExpectedVersion.etag(7))).toBe(7);
  });

  it('asks for a precondition when there is none', () => {
    expect(() => ExpectedVersion.require(undefined)).toThrow(PreconditionRequiredError);
    expect(() => ExpectedVersion.require(' ')).toThrow(PreconditionRequiredError);
    expect(ExpectedVersion.parse(undefined)).toBeUndefined();
  });

  it.each(['*', 'W/"abc"', '0', '"-1"', '99999999999', '"3", "4"'])('refuses %s as a malformed If-Match', (header) => {
    expect(() => ExpectedVersion.require(header)).toThrow(RequestValidationError);
  });
});
