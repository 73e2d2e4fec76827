import { checkServiceDefinition } from '@diplomacy/testing';
import { ProgramsService } from './programs.service';

checkServiceDefinition(ProgramsService, { port: 3001, database: 'programs' });
