import { Module } from '@nestjs/common';
import { OrganisationsModule } from '../organisations/organisations.module';
import { PartnershipsModule } from '../partnerships/partnerships.module';
import { ImpactController } from './impact.controller';
import { ImpactEventsConsumer } from './impact-events.consumer';
import { ImpactProjectionRepository } from './impact-projection.repository';
import { ImpactReportsUseCase } from './impact-reports.usecase';
import { ImpactSourceRepository } from './impact-source.repository';

/** Impact reports and organisation histories, and the consumer that keeps their projections. */
@Module({
  imports: [OrganisationsModule, PartnershipsModule],
  controllers: [ImpactController, ImpactEventsConsumer],
  providers: [ImpactSourceRepository, ImpactProjectionRepository, ImpactReportsUseCase],
})
export class ImpactModule {}
