import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { UnitOfWork } from '@diplomacy/messaging';
import { AuditTrail, OrganisationMismatchError, RequestValidationError, TenantContext } from '@diplomacy/service-kit';
import { AvailabilityPolicy } from './availability.policy';
import { RESOURCE_ENTITY, resourceCreated } from './resource.audit';
import { ResourceEntity } from './resource.entity';
import { ResourceRepository } from './resource.repository';
import type { CreateResourceDto } from './dto/resource.dto';

/** Registers a resource organisation or venue that items can book, and records who did (in the same transaction). */
@Injectable()
export class RegisterResourceUseCase {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(ResourceRepository) private readonly resources: ResourceRepository,
    @Inject(AuditTrail) private readonly audit: AuditTrail,
  ) {}

  async execute(command: CreateResourceDto): Promise<ResourceEntity> {
    const availability = command.availability ?? [];
    const problems = AvailabilityPolicy.problems(availability);
    if (problems.length > 0) throw new RequestValidationError(problems.map((p) => ({ field: `availability.${p.index}.to`, messages: [p.message] })));
    const resource = Object.assign(new ResourceEntity(), {
      id: randomUUID(),
      organisationId: this.owner(command.organisationId),
      kind: command.kind,
      name: command.name,
      address: command.address
        ? { line1: command.address.line1 ?? null, city: command.address.city, region: command.address.region ?? null, postalCode: command.address.postalCode ?? null, country: command.address.country }
        : null,
      streetAddress: null,
      timeZone: command.timeZone,
      contact: command.contact ? { name: command.contact.name, role: command.contact.role ?? null, email: command.contact.email ?? null, phone: command.contact.phone ?? null } : null,
      capacity: command.capacity ?? null,
      exclusive: command.exclusive,
      availability: availability.map((w) => ({ days: w.days, from: w.from, to: w.to })),
    });
    return this.unitOfWork.run(async (tx) => {
      const saved = await this.resources.insert(resource, tx.manager);
      await this.audit.record(tx.manager, { organisationId: saved.organisationId, entityType: RESOURCE_ENTITY, entityId: saved.id, action: 'created', changes: resourceCreated(saved) });
      return saved;
    });
  }

  /** The resource belongs to the caller's organisation; only a platform admin (who has none) names one. */
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
