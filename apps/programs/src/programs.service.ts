import type { ServiceDefinition } from '@diplomacy/service-kit';
import { loadProgramsConfig } from './config/programs.config';
import type { ProgramsEnvironment } from './config/programs.config';
import { PROGRAMS_MIGRATIONS } from './migrations';
import { ProgramEntity } from './programs/program.entity';
import { ProgramsModule } from './programs/programs.module';

export const ProgramsService: ServiceDefinition<ProgramsEnvironment> = {
  name: 'programs',
  description: 'Programs, participants, organisations, sister-city partnerships and impact reports.',
  entities: [ProgramEntity],
  migrations: PROGRAMS_MIGRATIONS,
  features: [ProgramsModule],
  loadConfig: loadProgramsConfig,
};
