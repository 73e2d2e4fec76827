import { RequestValidationError } from '@diplomacy/service-kit';
import { versionFromIfMatch } from './if-match';
import { PreconditionRequiredError } from './itinerary.errors';

describe('versionFromIfMatch', () => {
  it.each([['"3"', 3], ['W/"12"', 12], ['7', 7]])('reads %s', (header, version) => {
    expect(versionFromIfMatch(header)).toBe(version);
  });

  it('asks for the header when it is missing (428)', () => {
    expect(() => versionFromIfMatch(undefined)).toThrow(PreconditionRequiredError);
    expect(() => versionFromIfMatch(' ')).toThrow(PreconditionRequiredError);
  });

  it.each(['*', '"abc"', '"0"', '"1", "2"'])('refuses %s as a bad field (400)', (header) => {
    expect(() => versionFromIfMatch(header)).toThrow(RequestValidationError);
  });
});
