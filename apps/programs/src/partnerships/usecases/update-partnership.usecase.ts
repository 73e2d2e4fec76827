import { Inject, Injectable } from '@nestjs/common';
import { PartnershipUpdated } from '@diplomacy/contracts';
import { UnitOfWork } from '@diplomacy/messaging';
import { RequestValidationError, VersionConflictError } from '@diplomacy/service-kit';
import { OrganisationRepository } from '../../organisations/organisation.repository';
import type { UpdatePartnershipDto } from '../dto/partnership.dto';
import { PartnershipRules } from '../partnership-rules';
import type { PartnershipEntity } from '../partnership.entity';
import { PartnershipRepository } from '../partnership.repository';
import { partnershipSnapshot } from '../partnership.snapshot';
import { DuplicatePartnershipError, PartnershipManagedElsewhereError, PartnershipNotFoundError } from '../partnerships.errors';

export interface UpdatePartnershipCommand {
  id: string;
  expectedVersion: number;
  changes: UpdatePartnershipDto;
}

@Injectable()
export class UpdatePartnershipUseCase {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(PartnershipRepository) private readonly partnerships: PartnershipRepository,
    @Inject(OrganisationRepository) private readonly organisations: OrganisationRepository,
  ) {}

  async execute({ id, expectedVersion, changes }: UpdatePartnershipCommand): Promise<PartnershipEntity> {
    return this.unitOfWork.run(async (tx) => {
      const current = await this.partnerships.lock(tx.manager, id);
      if (!current) throw (await this.partnerships.exists(id, tx.manager)) ? new PartnershipManagedElsewhereError(id) : new PartnershipNotFoundError(id);
      if (current.version !== expectedVersion) throw new VersionConflictError(`Partnership ${id}`, expectedVersion, current.version);

      const next: Partial<PartnershipEntity> = {};
      const changed: string[] = [];
      const set = <K extends keyof PartnershipEntity>(field: string, column: K, value: PartnershipEntity[K] | undefined) => {
        if (value === undefined || JSON.stringify(current[column]) === JSON.stringify(value)) return;
        next[column] = value;
        if (!changed.includes(field)) changed.push(field);
      };
      set('usCommunity', 'usCommunityName', changes.usCommunity?.name);
      set('usCommunity', 'usCommunityKind', changes.usCommunity?.kind);
      set('usCommunity', 'usState', changes.usCommunity?.state);
      set('partnerCommunity', 'partnerCommunityName', changes.partnerCommunity?.name);
      set('partnerCommunity', 'partnerCountry', changes.partnerCommunity?.country);
      set('establishedOn', 'establishedOn', changes.establishedOn);
      set('focusAreas', 'focusAreas', changes.focusAreas);
      set('status', 'status', changes.status);
      set('usAssociationId', 'usAssociationId', changes.usAssociationId);
      set('partnerAssociationId', 'partnerAssociationId', changes.partnerAssociationId);
      if (changed.length === 0) return current;

      const after = { ...current, ...next };
      const kinds = await this.organisations.partnerAssociations([after.usAssociationId, after.partnerAssociationId].filter((v): v is string => !!v), tx.manager);
      const errors = PartnershipRules.check(after, kinds);
      if (errors.length > 0) throw new RequestValidationError(errors);
      if ((changed.includes('usCommunity') || changed.includes('partnerCommunity')) && (await this.partnerships.pairTaken(after, id, tx.manager))) {
        throw new DuplicatePartnershipError(after.usCommunityName, after.partnerCommunityName);
      }
      if (!(await this.partnerships.update(tx.manager, id, expectedVersion, next))) {
        throw new VersionConflictError(`Partnership ${id}`, expectedVersion, current.version + 1);
      }
      const updated = await this.partnerships.get(id, tx.manager);
      await tx.publish({
        definition: PartnershipUpdated,
        key: id,
        organisationId: updated.managedBy,
        payload: { ...partnershipSnapshot(updated), changedFields: changed },
      });
      return updated;
    });
  }
}
