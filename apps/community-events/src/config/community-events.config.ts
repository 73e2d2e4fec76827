import { Transform } from 'class-transformer';
import { IsInt, Min } from 'class-validator';
import { COMMON_DEFAULTS, ServiceEnvironment, loadConfig } from '@diplomacy/service-kit';

export class CommunityEventsEnvironment extends ServiceEnvironment {
  /** How often overdue waitlist claims are expired and their seats moved on; 0 turns the timer off (tests sweep by hand). */
  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt()
  @Min(0)
  CLAIM_SWEEP_INTERVAL_MS!: number;
}

export const COMMUNITYEVENTS_DEFAULTS = {
  ...COMMON_DEFAULTS,
  PORT: '3003',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/community_events',
  CLAIM_SWEEP_INTERVAL_MS: '60000',
};

export function loadCommunityEventsConfig(env: NodeJS.ProcessEnv = process.env): CommunityEventsEnvironment {
  return loadConfig(CommunityEventsEnvironment, COMMUNITYEVENTS_DEFAULTS, env);
}
