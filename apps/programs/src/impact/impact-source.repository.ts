import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { tenantSql } from '@diplomacy/service-kit';
import type { ImpactScope, ParticipantFact, ProgramFact } from './impact-report';
import type { HostingRole } from './organisation-history';

interface ProgramRecord {
  id: string;
  title: string;
  kind: ProgramFact['kind'];
  status: ProgramFact['status'];
  start_date: string;
  end_date: string;
}

const PROGRAM_COLUMNS = `p.id, p.title, p.kind, p.status, to_char(p.start_date, 'YYYY-MM-DD') AS start_date, to_char(p.end_date, 'YYYY-MM-DD') AS end_date`;

/**
 * Reads this service's own records for the impact reports: the programs a scope
 * covers, their participants (with the private gender, which is counted here and
 * nowhere else) and the programs an organisation hosted. Programs are always those of the
 * caller's organisation (tenantSql); participants are read only for programs found here.
 */
@Injectable()
export class ImpactSourceRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Every program the scope could cover, in any status; ImpactScopeRule decides which are reported. */
  async programsIn(scope: ImpactScope): Promise<ProgramFact[]> {
    switch (scope.kind) {
      case 'program':
        return this.programs(`p.id = $1`, [scope.programId]);
      case 'organisation':
        // A program the organisation both hosts and hosts a leg of is one program.
        return [...new Map((await this.hostedBy(scope.organisationId)).map((h) => [h.program.programId, h.program])).values()];
      case 'partnership':
        return this.programs(`p.partnership_id = $1`, [scope.partnershipId]);
      case 'year':
        // A program belongs to the year it starts in, so one exchange is never in two annual reports.
        return scope.organisationId
          ? this.programs(`p.start_date >= make_date($1::int, 1, 1) AND p.start_date < make_date($1::int + 1, 1, 1) AND p.organisation_id = $2`, [scope.year, scope.organisationId])
          : this.programs(`p.start_date >= make_date($1::int, 1, 1) AND p.start_date < make_date($1::int + 1, 1, 1)`, [scope.year]);
    }
  }

  async programsById(ids: readonly string[]): Promise<ProgramFact[]> {
    if (ids.length === 0) return [];
    return this.programs(`p.id = ANY($1::uuid[])`, [ids]);
  }

  async participantsOf(programIds: readonly string[]): Promise<ParticipantFact[]> {
    if (programIds.length === 0) return [];
    const rows: { program_id: string; country: string; gender: ParticipantFact['gender']; role: ParticipantFact['role'] }[] = await this.dataSource.query(
      `SELECT program_id, country, gender, role FROM participants WHERE program_id = ANY($1::uuid[])`,
      [programIds],
    );
    return rows.map((r) => ({ programId: r.program_id, country: r.country, gender: r.gender, role: r.role }));
  }

  /** Each (program, role) in which the organisation hosts a program: host, co-host or a leg's local host. */
  async hostedBy(organisationId: string): Promise<{ program: ProgramFact; role: HostingRole }[]> {
    const params: unknown[] = [organisationId];
    const own = tenantSql('p.organisation_id', params);
    const rows: (ProgramRecord & { role: HostingRole })[] = await this.dataSource.query(
      `SELECT ${PROGRAM_COLUMNS}, 'host' AS role FROM programs p WHERE p.host_organisation_id = $1 AND ${own}
       UNION ALL
       SELECT ${PROGRAM_COLUMNS}, 'co-host' AS role FROM programs p JOIN program_co_hosts c ON c.program_id = p.id WHERE c.organisation_id = $1 AND ${own}
       UNION ALL
       SELECT DISTINCT ${PROGRAM_COLUMNS}, 'leg-host' AS role FROM programs p JOIN program_legs l ON l.program_id = p.id WHERE l.local_host_organisation_id = $1 AND ${own}`,
      params,
    );
    return rows.map((r) => ({ program: toProgramFact(r), role: r.role }));
  }

  private async programs(where: string, parameters: unknown[]): Promise<ProgramFact[]> {
    const params = [...parameters];
    const own = tenantSql('p.organisation_id', params);
    const rows: ProgramRecord[] = await this.dataSource.query(`SELECT ${PROGRAM_COLUMNS} FROM programs p WHERE (${where}) AND ${own} ORDER BY p.start_date, p.id`, params);
    return rows.map(toProgramFact);
  }
}

function toProgramFact(r: ProgramRecord): ProgramFact {
  return { programId: r.id, title: r.title, kind: r.kind, status: r.status, startDate: r.start_date, endDate: r.end_date };
}
