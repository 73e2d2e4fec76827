import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RegistrationEntity } from './registration.entity';
import { RegistrationRepository } from './registration.repository';
import { RegistrationNotFoundError } from './registrations.errors';
import { SelfServiceToken } from './self-service-token';

/** Finds the registration behind a self-service token, or answers 404 without saying why. */
@Injectable()
export class SelfServiceLinks {
  constructor(@Inject(RegistrationRepository) private readonly registrations: RegistrationRepository) {}

  async resolve(token: string, manager?: EntityManager): Promise<RegistrationEntity> {
    const registration = await this.registrations.findByTokenHash(SelfServiceToken.hash(token), manager);
    // The index lookup found the row by hash; the constant-time check is the authority.
    if (!registration || !SelfServiceToken.matches(token, registration.tokenHash)) throw new RegistrationNotFoundError();
    return registration;
  }
}
