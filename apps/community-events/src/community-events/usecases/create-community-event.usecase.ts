import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { UnitOfWork } from '@diplomacy/messaging';
import { OrganisationMismatchError, RequestValidationError, TenantContext } from '@diplomacy/service-kit';
import { CommunityEventEntity } from '../community-event.entity';
import { CommunityEventRepository } from '../community-event.repository';
import { CommunityEventRules } from '../community-event.rules';
import type { CreateCommunityEventDto } from '../dto/create-community-event.dto';

/**
 * Creates an event in draft. Nothing is published yet: a draft is the organiser's
 * work in progress, and `event.published` carries the whole event when it goes out.
 */
@Injectable()
export class CreateCommunityEventUseCase {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(CommunityEventRepository) private readonly events: CommunityEventRepository,
  ) {}

  async execute(command: CreateCommunityEventDto): Promise<CommunityEventEntity> {
    const times = {
      startsAt: new Date(command.startsAt),
      endsAt: new Date(command.endsAt),
      registrationOpensAt: command.registrationOpensAt ? new Date(command.registrationOpensAt) : null,
      registrationClosesAt: command.registrationClosesAt ? new Date(command.registrationClosesAt) : null,
    };
    const errors = CommunityEventRules.check(times);
    if (errors.length > 0) throw new RequestValidationError(errors);
    const organisationId = this.owner(command.organisationId);
    return this.unitOfWork.run((tx) =>
      this.events.insert(
        tx.manager,
        Object.assign(new CommunityEventEntity(), {
          id: randomUUID(),
          organisationId,
          kind: command.kind,
          title: command.title,
          description: command.description ?? null,
          coHostOrganisationIds: command.coHostOrganisationIds ?? [],
          venueName: command.venue.name,
          venueAddress: command.venue.address,
          ...times,
          timeZone: command.timeZone,
          capacity: command.capacity,
          maxPartySize: command.maxPartySize,
          visibility: command.visibility,
          status: 'draft',
          programIds: command.programIds ?? [],
          claimWindowHours: command.claimWindowHours ?? null,
          cancellationReason: null,
          version: 1,
        }),
      ),
    );
  }

  /** The event belongs to the caller's organisation; only a platform admin names another. */
  private owner(requested: string | undefined): string {
    const tenant = TenantContext.require();
    if (tenant.kind === 'organisation') {
      if (requested !== undefined && requested !== tenant.organisationId) throw new OrganisationMismatchError();
      return tenant.organisationId;
    }
    if (requested === undefined) throw new RequestValidationError([{ field: 'organisationId', messages: ['a platform admin must name the organisation'] }]);
    return requested;
  }
}
