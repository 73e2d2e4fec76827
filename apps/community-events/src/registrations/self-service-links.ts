import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SecretToken, TenantContext } from '@diplomacy/service-kit';
import type { RegistrationEntity } from './registration.entity';
import { RegistrationRepository } from './registration.repository';
import { RegistrationNotFoundError } from './registrations.errors';

/**
 * Finds the registration behind a self-service token, or answers 404 without saying why.
 * The link is a capability: once it resolves, the request works within the registration's
 * organisation (and can reach nothing of any other).
 */
@Injectable()
export class SelfServiceLinks {
  constructor(@Inject(RegistrationRepository) private readonly registrations: RegistrationRepository) {}

  async resolve(token: string, manager?: EntityManager): Promise<RegistrationEntity> {
    const found = await this.registrations.findByTokenHash(SecretToken.hash(token), manager);
    // The index lookup found the row by hash; the constant-time check is the authority.
    if (!found || !SecretToken.matches(token, found.registration.tokenHash)) throw new RegistrationNotFoundError();
    TenantContext.adopt(found.organisationId);
    return found.registration;
  }
}
