import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { COMMON_DEFAULTS, ServiceEnvironment, loadConfig } from '@diplomacy/service-kit';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? value : Number(value));

export class NotificationsEnvironment extends ServiceEnvironment {
  /** SMTP server email goes through, e.g. `smtp://user:pass@mail.example.org:587`. */
  @Matches(/^smtps?:\/\/\S+$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL!: string;

  @IsString()
  @MinLength(3)
  MAIL_FROM!: string;

  /** The generic HTTP SMS gateway's send endpoint. */
  @Matches(/^https?:\/\/\S+$/, { message: 'SMS_GATEWAY_URL must be an http(s) URL' })
  SMS_GATEWAY_URL!: string;

  @IsOptional()
  @IsString()
  SMS_GATEWAY_TOKEN?: string;

  /** 32 bytes, hex or base64: encrypts webhook secrets at rest (they must be readable to sign with). */
  @Matches(/^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/, { message: 'WEBHOOK_SECRET_KEY must be 32 bytes as 64 hex digits or base64' })
  WEBHOOK_SECRET_KEY!: string;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(60_000)
  WEBHOOK_TIMEOUT_MS!: number;

  /** How often the dispatcher looks for due notifications when nothing woke it. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  DISPATCH_POLL_INTERVAL_MS!: number;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  DISPATCH_BATCH_SIZE!: number;

  /** Send attempts per notification before it is marked failed and dead-lettered. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  DELIVERY_MAX_ATTEMPTS!: number;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  DELIVERY_RETRY_BASE_MS!: number;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  DELIVERY_RETRY_MAX_MS!: number;

  /** A claimed notification whose sender died is claimed again after this long. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  DELIVERY_LEASE_MS!: number;
}

/** Development only: production sets its own WEBHOOK_SECRET_KEY (the runbook says how to make one). */
const DEVELOPMENT_WEBHOOK_KEY = '6c6f63616c2d646576656c6f706d656e742d6f6e6c792d6b65792d3332627974';

export const NOTIFICATIONS_DEFAULTS = {
  ...COMMON_DEFAULTS,
  PORT: '3004',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/notifications',
  SMTP_URL: 'smtp://127.0.0.1:1025',
  MAIL_FROM: 'Citizen diplomacy <notifications@citizen-diplomacy.example>',
  SMS_GATEWAY_URL: 'http://127.0.0.1:3099/messages',
  WEBHOOK_SECRET_KEY: DEVELOPMENT_WEBHOOK_KEY,
  WEBHOOK_TIMEOUT_MS: '10000',
  DISPATCH_POLL_INTERVAL_MS: '1000',
  DISPATCH_BATCH_SIZE: '50',
  DELIVERY_MAX_ATTEMPTS: '6',
  DELIVERY_RETRY_BASE_MS: '2000',
  DELIVERY_RETRY_MAX_MS: '600000',
  DELIVERY_LEASE_MS: '60000',
};

export function loadNotificationsConfig(env: NodeJS.ProcessEnv = process.env): NotificationsEnvironment {
  return loadConfig(NotificationsEnvironment, NOTIFICATIONS_DEFAULTS, env);
}

/**
 * The shared service wiring does not hand a service's config to its features, so the
 * features read it through the same validated loader, once, via this token.
 */
export const NOTIFICATIONS_CONFIG = Symbol('NOTIFICATIONS_CONFIG');
export const notificationsConfigProvider = { provide: NOTIFICATIONS_CONFIG, useFactory: (): NotificationsEnvironment => loadNotificationsConfig() };
