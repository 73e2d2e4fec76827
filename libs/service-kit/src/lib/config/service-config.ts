import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, registerDecorator, validateSync } from 'class-validator';
import type { ValidationOptions } from 'class-validator';
import type { ClassConstructor } from 'class-transformer';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? value : Number(value));
const toNumber = toInt;
const toBool = ({ value }: { value: unknown }) => (typeof value === 'string' ? ['1', 'true', 'yes'].includes(value.toLowerCase()) : value);

/** Refuses a setting when another one is set too (settings that are alternatives). */
function NotTogetherWith(other: string, options?: ValidationOptions): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: 'notTogetherWith',
      target: target.constructor,
      propertyName: property as string,
      options: { message: `set ${other} or ${String(property)}, not both`, ...options },
      validator: { validate: (value: unknown, args) => value === undefined || (args?.object as Record<string, unknown>)[other] === undefined },
    });
}

export const TRACE_SAMPLERS = ['parentbased_traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'traceidratio', 'always_on', 'always_off'] as const;
export type TraceSamplerName = (typeof TRACE_SAMPLERS)[number];

/**
 * Settings every service reads from its environment. Defaults work on one
 * machine with the local infrastructure scripts; each service supplies its own
 * defaults (port, database) and may extend this class.
 */
export class ServiceEnvironment {
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT!: number;

  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL!: string;

  @IsString()
  @Matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, { message: 'KAFKA_BROKERS must be host:port[,host:port...]' })
  KAFKA_BROKERS!: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL!: string;

  /** Run pending migrations at start-up; turn off where a separate migration job runs them. */
  @Transform(toBool)
  @IsBoolean()
  DB_MIGRATIONS_RUN!: boolean;

  @Transform(toInt)
  @IsInt()
  @Min(10)
  OUTBOX_POLL_INTERVAL_MS!: number;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  OUTBOX_BATCH_SIZE!: number;

  /**
   * The largest record batch the outbox relay hands the producer, in bytes. The default stays a
   * quarter below the broker's 1 MB `message.max.bytes`; at start-up the relay lowers it to what
   * the broker and topics report. A single event larger than this is refused when it is written.
   */
  @Transform(toInt)
  @IsInt()
  @Min(16384)
  @Max(104857600)
  OUTBOX_MAX_BATCH_BYTES!: number;

  /** Failed publish attempts in a row after which the relay reports itself stalled (readiness 503, metric, alert). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  OUTBOX_STALL_AFTER_FAILURES!: number;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(20)
  CONSUMER_MAX_ATTEMPTS!: number;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  SHUTDOWN_TIMEOUT_MS!: number;

  /**
   * Where a consumer group with no committed offsets starts: at the beginning (the
   * default, so a new service builds its projections from history) or at the end.
   */
  @Transform(toBool)
  @IsBoolean()
  KAFKA_CONSUMER_FROM_BEGINNING!: boolean;

  /**
   * How long a crashed instance keeps its partitions before the group moves them:
   * short enough to recover within seconds, long enough to ride out a GC pause.
   */
  @Transform(toInt)
  @IsInt()
  @Min(6000)
  @Max(300000)
  KAFKA_SESSION_TIMEOUT_MS!: number;

  /** Overrides the service's consumer group, e.g. for a second, independent copy of a service in tests. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,200}$/)
  KAFKA_CONSUMER_GROUP?: string;

  /** The `iss` every accepted token must carry (docs/security.md). */
  @IsString()
  @IsNotEmpty()
  AUTH_ISSUER!: string;

  /** The `aud` every accepted token must name. */
  @IsString()
  @IsNotEmpty()
  AUTH_AUDIENCE!: string;

  /** Where the identity provider publishes its signing keys (RS256/ES256). Alternative to AUTH_JWT_SECRET. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'AUTH_JWKS_URL must be an http(s) URL' })
  AUTH_JWKS_URL?: string;

  /**
   * HS256 shared secret, for development. When neither it nor AUTH_JWKS_URL is set, the
   * documented development secret applies, which NODE_ENV=production refuses.
   */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'AUTH_JWT_SECRET must be at least 32 characters' })
  @NotTogetherWith('AUTH_JWKS_URL')
  AUTH_JWT_SECRET?: string;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(300)
  AUTH_CLOCK_TOLERANCE_SECONDS!: number;

  /** Browser origins allowed to call the API, comma-separated (e.g. https://app.example.org); none when empty. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s,/]+(,https?:\/\/[^\s,/]+)*$/, { message: 'CORS_ORIGINS must be origins like https://app.example.org, comma-separated' })
  @MaxLength(4000)
  CORS_ORIGINS?: string;

  /** Rate-limited routes (public registration, secret links): requests at once per client IP and route. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_BURST!: number;

  /** Rate-limited routes: sustained requests per minute per client IP and route. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_MINUTE!: number;

  /** Proxies in front of the service whose X-Forwarded-For is trusted for the client IP (rate limits); 0 behind none. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10)
  TRUST_PROXY_HOPS!: number;

  /**
   * OpenTelemetry: base URL of an OTLP/HTTP collector (`/v1/traces` is appended), e.g.
   * http://otel-collector:4318. Unset: no span leaves the process (docs/architecture.md, Tracing).
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL' })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  /** The full traces URL, when it is not `<OTEL_EXPORTER_OTLP_ENDPOINT>/v1/traces`; wins over it. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT must be an http(s) URL' })
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;

  /** `service.name` on every span; the service's own name when unset. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,100}$/, { message: 'OTEL_SERVICE_NAME must be 1-100 letters, digits, dots, dashes or underscores' })
  OTEL_SERVICE_NAME?: string;

  /** Which traces are recorded (the OpenTelemetry names); parent-based ones follow the caller's decision. */
  @IsIn(TRACE_SAMPLERS)
  OTEL_TRACES_SAMPLER!: TraceSamplerName;

  /** The ratio of new traces a `*traceidratio` sampler records, 0 to 1. */
  @Transform(toNumber)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  OTEL_TRACES_SAMPLER_ARG!: number;

  /** How long finished spans wait before they are sent in one batch. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(60000)
  OTEL_BSP_SCHEDULE_DELAY!: number;
}

export const COMMON_DEFAULTS = {
  KAFKA_BROKERS: '127.0.0.1:9092',
  LOG_LEVEL: 'info',
  DB_MIGRATIONS_RUN: 'true',
  OUTBOX_POLL_INTERVAL_MS: '500',
  OUTBOX_BATCH_SIZE: '500',
  OUTBOX_MAX_BATCH_BYTES: '786432',
  OUTBOX_STALL_AFTER_FAILURES: '10',
  CONSUMER_MAX_ATTEMPTS: '3',
  SHUTDOWN_TIMEOUT_MS: '10000',
  KAFKA_CONSUMER_FROM_BEGINNING: 'true',
  KAFKA_SESSION_TIMEOUT_MS: '10000',
  AUTH_ISSUER: 'citizen-diplomacy-dev',
  AUTH_AUDIENCE: 'citizen-diplomacy',
  AUTH_CLOCK_TOLERANCE_SECONDS: '30',
  RATE_LIMIT_BURST: '10',
  RATE_LIMIT_PER_MINUTE: '30',
  TRUST_PROXY_HOPS: '0',
  OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
  OTEL_TRACES_SAMPLER_ARG: '1',
  OTEL_BSP_SCHEDULE_DELAY: '5000',
} as const;

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigValidationError';
  }
}

/** Reads, converts and validates the environment once, at start-up; every problem is reported at once. */
export function loadConfig<T extends object>(
  schema: ClassConstructor<T>,
  defaults: Record<string, string>,
  env: NodeJS.ProcessEnv = process.env,
): T {
  const raw: Record<string, unknown> = { ...defaults };
  for (const [name, value] of Object.entries(env)) if (value !== undefined && value !== '') raw[name] = value;
  const config = plainToInstance(schema, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false, forbidUnknownValues: true });
  if (errors.length > 0) {
    throw new ConfigValidationError(errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join(', ')}`));
  }
  return config;
}

export function brokersOf(config: ServiceEnvironment): string[] {
  return config.KAFKA_BROKERS.split(',');
}
