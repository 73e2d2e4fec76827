import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';
import type { ClassConstructor } from 'class-transformer';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? value : Number(value));
const toBool = ({ value }: { value: unknown }) => (typeof value === 'string' ? ['1', 'true', 'yes'].includes(value.toLowerCase()) : value);

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

  /** Overrides the service's consumer group, e.g. for a second, independent copy of a service in tests. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,200}$/)
  KAFKA_CONSUMER_GROUP?: string;
}

export const COMMON_DEFAULTS = {
  KAFKA_BROKERS: '127.0.0.1:9092',
  LOG_LEVEL: 'info',
  DB_MIGRATIONS_RUN: 'true',
  OUTBOX_POLL_INTERVAL_MS: '500',
  OUTBOX_BATCH_SIZE: '500',
  CONSUMER_MAX_ATTEMPTS: '3',
  SHUTDOWN_TIMEOUT_MS: '10000',
  KAFKA_CONSUMER_FROM_BEGINNING: 'true',
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
