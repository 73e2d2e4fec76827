import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { OrganisationCreated } from '@diplomacy/contracts';
import { UnitOfWork } from '@diplomacy/messaging';
import { RequestValidationError } from '@diplomacy/service-kit';
import { owningOrganisation } from '../../tenancy/owning-organisation';
import type { CreateOrganisationDto } from '../dto/organisation.dto';
import { OrganisationClassification } from '../organisation-classification';
import { OrganisationRepository } from '../organisation.repository';
import type { OrganisationView } from '../organisation.view';
import { organisationSnapshot } from '../organisation.view';
import { contactRows } from './organisation-contacts';

/** Registers an organisation in the caller's directory (their tenant maintains it) with its contacts and announces it, in one transaction. */
@Injectable()
export class CreateOrganisationUseCase {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(OrganisationRepository) private readonly organisations: OrganisationRepository,
  ) {}

  async execute(command: CreateOrganisationDto): Promise<OrganisationView> {
    const errors = OrganisationClassification.check(command.kind, command.resourceType);
    if (errors.length > 0) throw new RequestValidationError(errors);
    const managedBy = owningOrganisation(command.managedBy, 'managedBy');
    const id = randomUUID();
    const contacts = contactRows(id, command.contacts ?? []);
    return this.unitOfWork.run(async (tx) => {
      const view = await this.organisations.insert(
        tx.manager,
        {
          id,
          managedBy,
          name: command.name,
          kind: command.kind,
          resourceType: command.resourceType ?? null,
          addressLine1: command.address.line1 ?? null,
          addressLine2: command.address.line2 ?? null,
          city: command.address.city,
          region: command.address.region ?? null,
          postalCode: command.address.postalCode ?? null,
          country: command.address.country,
          timeZone: command.timeZone,
        },
        contacts,
      );
      await tx.publish({ definition: OrganisationCreated, key: id, organisationId: managedBy, payload: organisationSnapshot(view) });
      return view;
    });
  }
}
