import { ValidationPipe } from '@nestjs/common';
import type { ArgumentMetadata } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { RequestValidationError } from './domain-error';
import type { FieldError } from './domain-error';

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const flat: FieldError[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    if (error.constraints) flat.push({ field, messages: Object.values(error.constraints) });
    if (error.children?.length) flat.push(...flattenValidationErrors(error.children, field));
  }
  return flat;
}

// NUL cannot be stored in a Postgres text column, and a lone surrogate is not text at all.
// eslint-disable-next-line no-control-regex -- matching the control character NUL is the point
const NOT_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Every string in a request that is not storable text, by field path. */
export function findUnstorableText(value: unknown, path = '', found: FieldError[] = []): FieldError[] {
  if (typeof value === 'string') {
    if (NOT_TEXT.test(value)) found.push({ field: path || 'body', messages: [`${path || 'body'} must not contain NUL characters or unpaired surrogates`] });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => findUnstorableText(item, path ? `${path}.${index}` : String(index), found));
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) findUnstorableText(item, path ? `${path}.${key}` : key, found);
  }
  return found;
}

/**
 * Unknown fields are refused rather than silently dropped: a typo in a field name is a client bug
 * worth hearing about. Text that Postgres cannot store is refused here, as a 400 naming the field,
 * instead of failing later as a 500.
 */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const unstorable = findUnstorableText(value);
      if (unstorable.length > 0) throw new RequestValidationError(unstorable);
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => new RequestValidationError(flattenValidationErrors(errors)),
  });
}
