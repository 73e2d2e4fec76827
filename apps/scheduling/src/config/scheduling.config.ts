import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { COMMON_DEFAULTS, ServiceEnvironment, loadConfig } from '@diplomacy/service-kit';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? value : Number(value));

export class SchedulingEnvironment extends ServiceEnvironment {
  /** Minutes kept free between items at different venues when an item sets no buffer of its own. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1440)
  DEFAULT_TRAVEL_BUFFER_MINUTES!: number;

  /** Base of the calendar-feed URLs handed out; without it they are built from the request's Host. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'PUBLIC_BASE_URL must be an http(s) URL' })
  PUBLIC_BASE_URL?: string;
}

export const SCHEDULING_DEFAULTS = {
  ...COMMON_DEFAULTS,
  PORT: '3002',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/scheduling',
  DEFAULT_TRAVEL_BUFFER_MINUTES: '30',
};

export function loadSchedulingConfig(env: NodeJS.ProcessEnv = process.env): SchedulingEnvironment {
  return loadConfig(SchedulingEnvironment, SCHEDULING_DEFAULTS, env);
}

/** The scheduling-specific settings the features read (Nest token). */
export const SCHEDULING_SETTINGS = Symbol('SCHEDULING_SETTINGS');
export interface SchedulingSettings {
  defaultTravelBufferMinutes: number;
  publicBaseUrl: string | null;
}

/**
 * The shared service wiring does not hand a service's config to its features, so the
 * features read the process environment through the same validated loader.
 */
export const schedulingSettingsProvider = {
  provide: SCHEDULING_SETTINGS,
  useFactory: (): SchedulingSettings => {
    const config = loadSchedulingConfig();
    return { defaultTravelBufferMinutes: config.DEFAULT_TRAVEL_BUFFER_MINUTES, publicBaseUrl: config.PUBLIC_BASE_URL ?? null };
  },
};
