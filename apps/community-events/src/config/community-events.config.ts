import { COMMON_DEFAULTS, ServiceEnvironment, loadConfig } from '@diplomacy/service-kit';

export class CommunityEventsEnvironment extends ServiceEnvironment {}

export const COMMUNITYEVENTS_DEFAULTS = {
  ...COMMON_DEFAULTS,
  PORT: '3003',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/community_events',
};

export function loadCommunityEventsConfig(env: NodeJS.ProcessEnv = process.env): CommunityEventsEnvironment {
  return loadConfig(CommunityEventsEnvironment, COMMUNITYEVENTS_DEFAULTS, env);
}
