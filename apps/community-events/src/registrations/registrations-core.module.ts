import { Module } from '@nestjs/common';
import { SelfServiceLinks } from './self-service-links';
import { WaitlistPromoter } from './waitlist-promoter';

/**
 * What other features need from registrations: the promoter (an event given more
 * capacity promotes) and the self-service link check (slots are claimed through it).
 */
@Module({ providers: [WaitlistPromoter, SelfServiceLinks], exports: [WaitlistPromoter, SelfServiceLinks] })
export class RegistrationsCoreModule {}
