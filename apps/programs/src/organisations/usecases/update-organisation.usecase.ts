import { Inject, Injectable } from '@nestjs/common';
import { OrganisationUpdated } from '@diplomacy/contracts';
import { UnitOfWork } from '@diplomacy/messaging';
import { RequestValidationError, VersionConflictError } from '@diplomacy/service-kit';
import type { UpdateOrganisationDto } from '../dto/organisation.dto';
import { OrganisationClassification } from '../organisation-classification';
import type { OrganisationEntity } from '../organisation.entity';
import { OrganisationRepository } from '../organisation.repository';
import type { OrganisationView } from '../organisation.view';
import { organisationSnapshot } from '../organisation.view';
import { OrganisationNotFoundError } from '../organisations.errors';
import { contactRows } from './organisation-contacts';

export interface UpdateOrganisationCommand {
  id: string;
  expectedVersion: number;
  changes: UpdateOrganisationDto;
}

/** A partial update under optimistic concurrency: a stale version changes nothing. */
@Injectable()
export class UpdateOrganisationUseCase {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(OrganisationRepository) private readonly organisations: OrganisationRepository,
  ) {}

  async execute({ id, expectedVersion, changes }: UpdateOrganisationCommand): Promise<OrganisationView> {
    return this.unitOfWork.run(async (tx) => {
      const current = await this.organisations.lockView(tx.manager, id);
      if (!current) throw new OrganisationNotFoundError(id);
      const { organisation } = current;
      if (organisation.version !== expectedVersion) throw new VersionConflictError(`Organisation ${id}`, expectedVersion, organisation.version);

      const kind = changes.kind ?? organisation.kind;
      const resourceType = changes.resourceType !== undefined ? changes.resourceType : kind === 'resource-organisation' ? organisation.resourceType : null;
      const errors = OrganisationClassification.check(kind, resourceType);
      if (errors.length > 0) throw new RequestValidationError(errors);

      const columns: Partial<OrganisationEntity> = {};
      const changed: string[] = [];
      const set = <K extends keyof OrganisationEntity>(field: string, column: K, value: OrganisationEntity[K]) => {
        if (organisation[column] === value) return;
        columns[column] = value;
        if (!changed.includes(field)) changed.push(field);
      };
      if (changes.name !== undefined) set('name', 'name', changes.name);
      set('kind', 'kind', kind);
      set('resourceType', 'resourceType', resourceType ?? null);
      if (changes.timeZone !== undefined) set('timeZone', 'timeZone', changes.timeZone);
      if (changes.address) {
        set('address', 'addressLine1', changes.address.line1 ?? null);
        set('address', 'addressLine2', changes.address.line2 ?? null);
        set('address', 'city', changes.address.city);
        set('address', 'region', changes.address.region ?? null);
        set('address', 'postalCode', changes.address.postalCode ?? null);
        set('address', 'country', changes.address.country);
      }
      let contacts = null;
      if (changes.contacts) {
        contacts = contactRows(id, changes.contacts, new Set(current.contacts.map((c) => c.id)));
        const before = JSON.stringify(current.contacts.map(comparableContact));
        if (JSON.stringify(contacts.map(comparableContact)) !== before) changed.push('contacts');
        else contacts = null;
      }
      if (changed.length === 0) return current;

      if (!(await this.organisations.update(tx.manager, id, expectedVersion, columns))) {
        throw new VersionConflictError(`Organisation ${id}`, expectedVersion, organisation.version + 1);
      }
      if (contacts) await this.organisations.replaceContacts(tx.manager, id, contacts);
      const after = await this.organisations.getView(id, tx.manager);
      await tx.publish({
        definition: OrganisationUpdated,
        key: id,
        organisationId: after.organisation.managedBy,
        payload: { ...organisationSnapshot(after), changedFields: changed },
      });
      return after;
    });
  }
}

function comparableContact(c: { id: string; name: string; role: string; email: string | null; phone: string | null; preferredLanguage: string | null }) {
  return [c.id, c.name, c.role, c.email, c.phone, c.preferredLanguage];
}
