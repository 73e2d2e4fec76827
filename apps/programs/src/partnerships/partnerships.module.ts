import { Module } from '@nestjs/common';
import { OrganisationsModule } from '../organisations/organisations.module';
import { PartnershipRepository } from './partnership.repository';
import { PartnershipsController } from './partnerships.controller';
import { CreatePartnershipUseCase } from './usecases/create-partnership.usecase';
import { UpdatePartnershipUseCase } from './usecases/update-partnership.usecase';

@Module({
  imports: [OrganisationsModule],
  controllers: [PartnershipsController],
  providers: [PartnershipRepository, CreatePartnershipUseCase, UpdatePartnershipUseCase],
  exports: [PartnershipRepository],
})
export class PartnershipsModule {}
