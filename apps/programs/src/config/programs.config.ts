import { COMMON_DEFAULTS, ServiceEnvironment, loadConfig } from '@diplomacy/service-kit';

export class ProgramsEnvironment extends ServiceEnvironment {}

export const PROGRAMS_DEFAULTS = {
  ...COMMON_DEFAULTS,
  PORT: '3001',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/programs',
};

export function loadProgramsConfig(env: NodeJS.ProcessEnv = process.env): ProgramsEnvironment {
  return loadConfig(ProgramsEnvironment, PROGRAMS_DEFAULTS, env);
}
