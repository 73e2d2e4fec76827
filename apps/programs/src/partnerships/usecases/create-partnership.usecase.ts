import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PartnershipCreated } from '@diplomacy/contracts';
import { UnitOfWork } from '@diplomacy/messaging';
import { RequestValidationError } from '@diplomacy/service-kit';
import { owningOrganisation } from '../../tenancy/owning-organisation';
import { OrganisationRepository } from '../../organisations/organisation.repository';
import type { CreatePartnershipDto } from '../dto/partnership.dto';
import { PartnershipRules } from '../partnership-rules';
import type { PartnershipEntity } from '../partnership.entity';
import { PartnershipRepository } from '../partnership.repository';
import type { PartnershipRow } from '../partnership.repository';
import { partnershipSnapshot } from '../partnership.snapshot';
import { DuplicatePartnershipError } from '../partnerships.errors';

@Injectable()
export class CreatePartnershipUseCase {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(PartnershipRepository) private readonly partnerships: PartnershipRepository,
    @Inject(OrganisationRepository) private readonly organisations: OrganisationRepository,
  ) {}

  async execute(command: CreatePartnershipDto): Promise<PartnershipEntity> {
    const row: PartnershipRow = {
      id: randomUUID(),
      managedBy: owningOrganisation(command.managedBy, 'managedBy'),
      usCommunityName: command.usCommunity.name,
      usCommunityKind: command.usCommunity.kind,
      usState: command.usCommunity.state,
      partnerCommunityName: command.partnerCommunity.name,
      partnerCountry: command.partnerCommunity.country,
      establishedOn: command.establishedOn ?? null,
      focusAreas: command.focusAreas,
      status: command.status,
      usAssociationId: command.usAssociationId ?? null,
      partnerAssociationId: command.partnerAssociationId ?? null,
    };
    return this.unitOfWork.run(async (tx) => {
      const kinds = await this.organisations.partnerAssociations([row.usAssociationId, row.partnerAssociationId].filter((id): id is string => !!id), tx.manager);
      const errors = PartnershipRules.check(row, kinds);
      if (errors.length > 0) throw new RequestValidationError(errors);
      // The unique constraint is the guarantee; this check turns the common case into a clear 409.
      if (await this.partnerships.pairTaken(row, null, tx.manager)) {
        throw new DuplicatePartnershipError(command.usCommunity.name, command.partnerCommunity.name);
      }
      const partnership = await this.partnerships.insert(tx.manager, row);
      await tx.publish({ definition: PartnershipCreated, key: partnership.id, organisationId: partnership.managedBy, payload: partnershipSnapshot(partnership) });
      return partnership;
    });
  }
}
