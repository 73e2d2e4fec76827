import { CreatePrograms1763900000100 } from './1763900000100-create-programs';
import { CreateOrganisations1763900000110 } from './1763900000110-create-organisations';
import { CreatePartnerships1763900000120 } from './1763900000120-create-partnerships';
import { AddProgramDetails1763900000130 } from './1763900000130-add-program-details';
import { CreateParticipants1763900000140 } from './1763900000140-create-participants';
import { CreateImpactProjections1763900000150 } from './1763900000150-create-impact-projections';
import { CreateAuditLog1763900000160 } from './1763900000160-create-audit-log';

export const PROGRAMS_MIGRATIONS = [
  CreatePrograms1763900000100,
  CreateOrganisations1763900000110,
  CreatePartnerships1763900000120,
  AddProgramDetails1763900000130,
  CreateParticipants1763900000140,
  CreateImpactProjections1763900000150,
  CreateAuditLog1763900000160,
];
