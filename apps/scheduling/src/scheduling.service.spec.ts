import { checkServiceDefinition } from '@diplomacy/testing';
import { SchedulingService } from './scheduling.service';

checkServiceDefinition(SchedulingService, { port: 3002, database: 'scheduling' });
