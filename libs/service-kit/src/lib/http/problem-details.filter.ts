import { Catch, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CorrelationContext, EventTooLargeError, isTransientInfrastructureError } from '@diplomacy/messaging';
import { redactUrl } from '../logging/logging';
import { DomainError, RequestValidationError } from './domain-error';
import type { FieldError } from './domain-error';

/** RFC 9457 problem document. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code?: string;
  correlationId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const TYPE_BASE = 'https://citizen-diplomacy.example/problems/';

/** Turns every error that reaches the HTTP edge into problem+json. Unknown errors are 500 and logged, without internals in the body. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = this.toProblem(exception);
    problem.instance = redactUrl(request.originalUrl ?? request.url);
    const correlationId = CorrelationContext.current()?.correlationId;
    if (correlationId) problem.correlationId = correlationId;
    if (problem.status >= 500) {
      this.logger.error(`${request.method} ${problem.instance} failed: ${(exception as Error)?.stack ?? String(exception)}`);
    }
    if (problem.status === HttpStatus.SERVICE_UNAVAILABLE) response.setHeader('Retry-After', String(problem['retryAfterSeconds'] ?? 2));
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof RequestValidationError) {
      return {
        type: `${TYPE_BASE}validation`,
        title: 'The request is invalid',
        status: HttpStatus.BAD_REQUEST,
        detail: exception.message,
        code: 'validation',
        errors: exception.errors,
      };
    }
    if (exception instanceof DomainError) {
      return {
        ...exception.extensions,
        type: `${TYPE_BASE}${exception.code}`,
        title: exception.message,
        status: exception.status,
        code: exception.code,
      };
    }
    if (exception instanceof EventTooLargeError) {
      // The change is valid but its event could never be published: nothing was written (the
      // writer refused it inside the transaction), and a smaller change will go through.
      return {
        type: `${TYPE_BASE}${exception.code}`,
        title: 'The change is too large to publish',
        status: HttpStatus.PAYLOAD_TOO_LARGE,
        detail: exception.message,
        code: exception.code,
        eventType: exception.eventType,
        sizeBytes: exception.sizeBytes,
        limitBytes: exception.limitBytes,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const detail = typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? exception.message);
      // Malformed JSON bodies arrive here as 400s from the body parser.
      return { type: `${TYPE_BASE}http-${status}`, title: exception.name.replace(/Exception$/, '').replace(/([a-z])([A-Z])/g, '$1 $2') || 'Error', status, detail };
    }
    if (isTransientInfrastructureError(exception)) {
      // The database (or broker) is restarting: nothing was written, and the same request will
      // work shortly. 503 with Retry-After says so; 500 would say the request broke something.
      return {
        type: `${TYPE_BASE}unavailable`,
        title: 'Service Unavailable',
        status: HttpStatus.SERVICE_UNAVAILABLE,
        detail: 'A dependency is restarting; nothing was changed. Retry shortly.',
        retryAfterSeconds: 2,
      };
    }
    const status = (exception as { status?: number; type?: string })?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      // body-parser errors (bad JSON, too large) carry a status but are not HttpExceptions.
      return { type: `${TYPE_BASE}http-${status}`, title: 'The request body could not be read', status, detail: (exception as Error).message };
    }
    return { type: `${TYPE_BASE}internal`, title: 'Internal Server Error', status: HttpStatus.INTERNAL_SERVER_ERROR };
  }
}
