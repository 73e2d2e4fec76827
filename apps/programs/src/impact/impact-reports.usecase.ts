import { Inject, Injectable } from '@nestjs/common';
import { OrganisationRepository } from '../organisations/organisation.repository';
import { OrganisationNotFoundError } from '../organisations/organisations.errors';
import { PartnershipRepository } from '../partnerships/partnership.repository';
import { PartnershipNotFoundError } from '../partnerships/partnerships.errors';
import { ProgramNotFoundError } from '../programs/programs.errors';
import { ImpactProjectionRepository } from './impact-projection.repository';
import { ImpactReportBuilder, ImpactScopeRule } from './impact-report';
import type { ImpactReport, ImpactScope } from './impact-report';
import { ImpactSourceRepository } from './impact-source.repository';
import { OrganisationHistoryBuilder } from './organisation-history';
import type { OrganisationHistory } from './organisation-history';

/** Reads the facts of a scope and hands them to the pure builders; the counting rules live there. */
@Injectable()
export class ImpactReportsUseCase {
  constructor(
    @Inject(ImpactSourceRepository) private readonly sources: ImpactSourceRepository,
    @Inject(ImpactProjectionRepository) private readonly projection: ImpactProjectionRepository,
    @Inject(OrganisationRepository) private readonly organisations: OrganisationRepository,
    @Inject(PartnershipRepository) private readonly partnerships: PartnershipRepository,
  ) {}

  async report(scope: ImpactScope, asOf: Date): Promise<ImpactReport> {
    const candidates = await this.sources.programsIn(scope);
    await this.mustExist(scope, candidates.length);
    const programs = ImpactScopeRule.programsToReport(scope, candidates);
    const ids = programs.map((p) => p.programId);
    const [participants, items, checkIns] = await Promise.all([
      this.sources.participantsOf(ids),
      this.projection.itemsOfPrograms(ids),
      this.projection.checkInsOfPrograms(ids),
    ]);
    return new ImpactReportBuilder(scope, asOf).addPrograms(programs).addParticipants(participants).addAgendaItems(items).addCheckIns(checkIns).build();
  }

  async organisationHistory(organisationId: string, asOf: Date): Promise<OrganisationHistory> {
    if (!(await this.organisations.findView(organisationId))) throw new OrganisationNotFoundError(organisationId);
    // Scheduling names the organisation met by its resource id; see docs/programs.md (impact) for how the two ids meet.
    const [hosted, items] = await Promise.all([this.sources.hostedBy(organisationId), this.projection.itemsWithResource(organisationId)]);
    const programs = await this.sources.programsById([...new Set(items.map((i) => i.programId))]);
    return OrganisationHistoryBuilder.build({ organisationId, asOf, hosted, items, programs });
  }

  /** An empty report for a scope that exists is an answer; for one that does not, it would hide a typo. */
  private async mustExist(scope: ImpactScope, candidates: number): Promise<void> {
    switch (scope.kind) {
      case 'program':
        if (candidates === 0) throw new ProgramNotFoundError(scope.programId);
        return;
      case 'organisation':
        if (!(await this.organisations.findView(scope.organisationId))) throw new OrganisationNotFoundError(scope.organisationId);
        return;
      case 'partnership':
        if (!(await this.partnerships.exists(scope.partnershipId))) throw new PartnershipNotFoundError(scope.partnershipId);
        return;
      case 'year':
        return;
    }
  }
}
