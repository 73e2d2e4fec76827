import { RequestValidationError } from '@diplomacy/service-kit';
import { PreconditionRequiredError } from './itinerary.errors';

/** Reads the version from If-Match: `"3"`, `W/"3"` or `3`. Missing is 428; anything else unreadable is a 400 naming the header. */
export function versionFromIfMatch(header: string | undefined): number {
  if (header === undefined || header.trim() === '') throw new PreconditionRequiredError();
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match || Number(match[1]) < 1) throw new RequestValidationError([{ field: 'If-Match', messages: ['If-Match must be the item\'s ETag, e.g. "3"'] }]);
  return Number(match[1]);
}

export const etagOf = (version: number): string => `"${version}"`;
