import { Module } from '@nestjs/common';
import { OrganisationRepository } from './organisation.repository';
import { OrganisationsController } from './organisations.controller';
import { CreateOrganisationUseCase } from './usecases/create-organisation.usecase';
import { UpdateOrganisationUseCase } from './usecases/update-organisation.usecase';

@Module({
  controllers: [OrganisationsController],
  providers: [OrganisationRepository, CreateOrganisationUseCase, UpdateOrganisationUseCase],
  exports: [OrganisationRepository],
})
export class OrganisationsModule {}
