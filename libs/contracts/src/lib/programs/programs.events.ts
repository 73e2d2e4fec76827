import type { EventDefinition } from '../event-definition';
import { ProgramCreated } from './program-events';
import { ProgramStatusChanged, ProgramUpdated } from './program-change-events';
import { OrganisationCreated, OrganisationUpdated } from './organisation-events';
import { ParticipantAdded, ParticipantRemoved, ParticipantUpdated } from './participant-events';
import { PartnershipCreated, PartnershipUpdated } from './partnership-events';

/** Every event type the programs service publishes on `programs.events`. */
export const PROGRAMS_EVENTS: readonly EventDefinition<unknown>[] = [
  ProgramCreated,
  ProgramStatusChanged,
  ProgramUpdated,
  OrganisationCreated,
  OrganisationUpdated,
  ParticipantAdded,
  ParticipantUpdated,
  ParticipantRemoved,
  PartnershipCreated,
  PartnershipUpdated,
] as EventDefinition<unknown>[];
