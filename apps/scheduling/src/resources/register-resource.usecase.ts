import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { RequestValidationError } from '@diplomacy/service-kit';
import { AvailabilityPolicy } from './availability.policy';
import { ResourceEntity } from './resource.entity';
import { ResourceRepository } from './resource.repository';
import type { CreateResourceDto } from './dto/resource.dto';

/** Registers a resource organisation or venue that items can book. */
@Injectable()
export class RegisterResourceUseCase {
  constructor(@Inject(ResourceRepository) private readonly resources: ResourceRepository) {}

  async execute(command: CreateResourceDto): Promise<ResourceEntity> {
    const availability = command.availability ?? [];
    const problems = AvailabilityPolicy.problems(availability);
    if (problems.length > 0) throw new RequestValidationError(problems.map((p) => ({ field: `availability.${p.index}.to`, messages: [p.message] })));
    return this.resources.insert(
      Object.assign(new ResourceEntity(), {
        id: randomUUID(),
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
      }),
    );
  }
}
