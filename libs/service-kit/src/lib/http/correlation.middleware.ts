import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { CORRELATION_HEADER, CorrelationContext } from '@diplomacy/messaging';

const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Takes the caller's correlation id (or makes one) and runs the rest of the
 * request inside it, so events written by the request and its log lines carry it.
 */
export function correlationMiddleware(req: Request, res: Response, next: NextFunction): void {
  const offered = req.header(CORRELATION_HEADER);
  const correlationId = offered && ACCEPTABLE_ID.test(offered) ? offered : randomUUID();
  res.setHeader(CORRELATION_HEADER, correlationId);
  CorrelationContext.run({ correlationId, causationId: null }, () => next());
}
