import type { Request } from 'express';
import type { ImpactFormat } from './dto/impact.dto';

/**
 * Picks JSON or CSV: `?format=` wins (a link in a browser or a spreadsheet cannot set
 * headers), then the Accept header with its q-values. Anything else gets JSON rather
 * than a 406, because JSON is what every client of this API reads.
 */
export function chooseReportFormat(format: ImpactFormat | undefined, request: Pick<Request, 'accepts'>): ImpactFormat {
  if (format) return format;
  return request.accepts(['application/json', 'text/csv']) === 'text/csv' ? 'csv' : 'json';
}
