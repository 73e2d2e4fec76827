import { request as expressRequest } from 'express';
import type { Request } from 'express';
import { chooseReportFormat } from './report-format';

/** Express' own request prototype, so Accept is parsed exactly as the running service parses it. */
function requestAccepting(accept: string | undefined): Request {
  return Object.assign(Object.create(expressRequest) as Request, { headers: accept === undefined ? {} : { accept } });
}

describe('chooseReportFormat', () => {
  it.each([
    [undefined, undefined, 'json'],
    [undefined, '*/*', 'json'],
    [undefined, 'text/csv', 'csv'],
    [undefined, 'text/csv;q=0.5, application/json', 'json'],
    [undefined, 'application/json;q=0.2, text/csv', 'csv'],
    [undefined, 'application/xml', 'json'],
    ['csv', 'application/json', 'csv'],
    ['json', 'text/csv', 'json'],
  ] as const)('format=%s, Accept: %s → %s', (format, accept, expected) => {
    expect(chooseReportFormat(format, requestAccepting(accept))).toBe(expected);
  });
});
