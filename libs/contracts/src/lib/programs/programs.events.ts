import type { EventDefinition } from '../event-definition';
import { ProgramCreated } from './program-events';

/** Every event type the programs service publishes on `programs.events`. */
export const PROGRAMS_EVENTS: readonly EventDefinition<unknown>[] = [ProgramCreated as EventDefinition<unknown>];
