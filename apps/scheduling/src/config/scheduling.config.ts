import { COMMON_DEFAULTS, ServiceEnvironment, loadConfig } from '@diplomacy/service-kit';

export class SchedulingEnvironment extends ServiceEnvironment {}

export const SCHEDULING_DEFAULTS = {
  ...COMMON_DEFAULTS,
  PORT: '3002',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/scheduling',
};

export function loadSchedulingConfig(env: NodeJS.ProcessEnv = process.env): SchedulingEnvironment {
  return loadConfig(SchedulingEnvironment, SCHEDULING_DEFAULTS, env);
}
