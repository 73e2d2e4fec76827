import { HttpStatus, NotFoundException } from '@nestjs/common';
import { EventTooLargeError } from '@diplomacy/messaging';
import { DomainError, RequestValidationError } from './domain-error';
import { ProblemDetailsFilter } from './problem-details.filter';

class ProgramTransitionError extends DomainError {
  readonly code = 'illegal-transition';
  readonly status = HttpStatus.CONFLICT;
  constructor() {
    super('A completed program cannot be reopened');
    this.extensions['allowedTransitions'] = [];
  }
}

describe('ProblemDetailsFilter.toProblem', () => {
  const filter = new ProblemDetailsFilter();

  it('names every bad field of a validation error', () => {
    const problem = filter.toProblem(new RequestValidationError([{ field: 'title', messages: ['title should not be empty'] }]));
    expect(problem.status).toBe(400);
    expect(problem.errors).toEqual([{ field: 'title', messages: ['title should not be empty'] }]);
  });

  it('maps a domain error with its code, status and extensions', () => {
    const problem = filter.toProblem(new ProgramTransitionError());
    expect(problem).toMatchObject({ status: 409, code: 'illegal-transition', allowedTransitions: [] });
  });

  it('keeps the status of Nest HTTP exceptions', () => {
    expect(filter.toProblem(new NotFoundException('no such program')).status).toBe(404);
  });

  it('treats a body-parser error as a client error', () => {
    const parseError = Object.assign(new SyntaxError('Unexpected token'), { status: 400, type: 'entity.parse.failed' });
    expect(filter.toProblem(parseError).status).toBe(400);
  });

  it('answers 413 naming the sizes when the change would produce an event too large to publish', () => {
    const problem = filter.toProblem(new EventTooLargeError('agenda-item.rescheduled', 900_000, 786_176));
    expect(problem).toMatchObject({ status: 413, code: 'event-too-large', eventType: 'agenda-item.rescheduled', sizeBytes: 900_000, limitBytes: 786_176 });
  });

  it('hides internals of unexpected errors', () => {
    const problem = filter.toProblem(new Error('password=hunter2'));
    expect(problem.status).toBe(500);
    expect(JSON.stringify(problem)).not.toContain('hunter2');
  });
});

describe('ProblemDetailsFilter.toProblem for a restarting dependency', () => {
  it('answers 503, not 500, when the database connection was refused or terminated', () => {
    const filter = new ProblemDetailsFilter();
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const wrapped = { name: 'QueryFailedError', message: 'query failed', driverError: Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }) };
    expect(filter.toProblem(refused).status).toBe(503);
    expect(filter.toProblem(wrapped).status).toBe(503);
  });
});
