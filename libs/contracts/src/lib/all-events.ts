import type { EventDefinition } from './event-definition';
import { ProgramCreated } from './programs/program-events';

/** The catalogue: adding an event type means adding its definition here. */
export const ALL_EVENTS: readonly EventDefinition<unknown>[] = [ProgramCreated as EventDefinition<unknown>];
