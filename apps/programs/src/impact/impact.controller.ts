import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { OrganisationIdParams } from '../organisations/dto/organisation.dto';
import { PartnershipIdParams } from '../partnerships/dto/partnership.dto';
import { ProgramIdParams } from '../programs/dto/create-program.dto';
import { HistoryQuery, ImpactQuery, YearImpactQuery, YearParams } from './dto/impact.dto';
import { ImpactReportResponse, OrganisationHistoryResponse } from './dto/impact.response';
import type { ImpactReport, ImpactScope } from './impact-report';
import { impactReportCsv } from './impact-report.csv';
import { ImpactReportsUseCase } from './impact-reports.usecase';
import type { OrganisationHistory } from './organisation-history';
import { chooseReportFormat } from './report-format';

const REPORT_DESCRIPTION = 'JSON, or CSV (section,item,value) with `?format=csv` or `Accept: text/csv`.';

@ApiBearerAuth()
@ApiTags('impact')
@Controller()
export class ImpactController {
  constructor(@Inject(ImpactReportsUseCase) private readonly impact: ImpactReportsUseCase) {}

  @Get('programs/:id/impact')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: ImpactReportResponse, description: `The program's impact, in any status. ${REPORT_DESCRIPTION}` })
  @ApiBadRequestResponse({ description: 'problem+json naming each invalid parameter' })
  @ApiNotFoundResponse({ description: 'problem+json' })
  async program(@Param() params: ProgramIdParams, @Query() query: ImpactQuery, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<ImpactReport | string> {
    return this.respond({ kind: 'program', programId: params.id }, query, req, res);
  }

  @Get('organisations/:id/impact')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: ImpactReportResponse, description: `Programs the organisation hosts, co-hosts or hosts a leg of (not drafts or cancelled). ${REPORT_DESCRIPTION}` })
  @ApiBadRequestResponse({ description: 'problem+json naming each invalid parameter' })
  @ApiNotFoundResponse({ description: 'problem+json' })
  async organisation(@Param() params: OrganisationIdParams, @Query() query: ImpactQuery, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<ImpactReport | string> {
    return this.respond({ kind: 'organisation', organisationId: params.id }, query, req, res);
  }

  @Get('partnerships/:id/impact')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: ImpactReportResponse, description: `Programs linked to the partnership (not drafts or cancelled). ${REPORT_DESCRIPTION}` })
  @ApiBadRequestResponse({ description: 'problem+json naming each invalid parameter' })
  @ApiNotFoundResponse({ description: 'problem+json' })
  async partnership(@Param() params: PartnershipIdParams, @Query() query: ImpactQuery, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<ImpactReport | string> {
    return this.respond({ kind: 'partnership', partnershipId: params.id }, query, req, res);
  }

  @Get('impact/years/:year')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: ImpactReportResponse, description: `Programs starting in the year (not drafts or cancelled), optionally of one tenant. ${REPORT_DESCRIPTION}` })
  @ApiBadRequestResponse({ description: 'problem+json naming each invalid parameter' })
  async year(@Param() params: YearParams, @Query() query: YearImpactQuery, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<ImpactReport | string> {
    return this.respond({ kind: 'year', year: params.year, ...(query.organisationId ? { organisationId: query.organisationId } : {}) }, query, req, res);
  }

  @Get('organisations/:id/history')
  @ApiOkResponse({ type: OrganisationHistoryResponse, description: 'Programs the organisation hosted, and programs whose delegations met it.' })
  @ApiBadRequestResponse({ description: 'problem+json naming each invalid parameter' })
  @ApiNotFoundResponse({ description: 'problem+json' })
  history(@Param() params: OrganisationIdParams, @Query() query: HistoryQuery): Promise<OrganisationHistory> {
    return this.impact.organisationHistory(params.id, query.asOf ? new Date(query.asOf) : new Date());
  }

  private async respond(scope: ImpactScope, query: ImpactQuery, req: Request, res: Response): Promise<ImpactReport | string> {
    const format = chooseReportFormat(query.format, req);
    const report = await this.impact.report(scope, query.asOf ? new Date(query.asOf) : new Date());
    // The answer depends on Accept, so caches must key on it.
    res.setHeader('Vary', 'Accept');
    if (format === 'json') return report;
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="impact-${report.scope.kind}-${report.scope.id}.csv"`);
    return impactReportCsv(report);
  }
}
