import type { ProgramLegV1 } from '@diplomacy/contracts';
import type { ProgramEntity, ProgramLegEntity } from './program.entity';

/** A program with its legs (in travel order) and co-hosts, as use cases and responses see it. */
export interface ProgramView {
  program: ProgramEntity;
  legs: ProgramLegEntity[];
  coHostOrganisationIds: string[];
}

export function legPayload(leg: ProgramLegEntity): ProgramLegV1 {
  return {
    legId: leg.id,
    city: leg.city,
    timeZone: leg.timeZone,
    startDate: leg.startDate,
    endDate: leg.endDate,
    localHostOrganisationId: leg.localHostOrganisationId,
  };
}
