import { CsvDocument } from './csv-document';
import type { ImpactReport } from './impact-report';

export const IMPACT_CSV_COLUMNS = ['section', 'item', 'value'] as const;

/**
 * The report as one long table (section, item, value): every count is a row, so a
 * council can paste it into its annual-report template or pivot it without the
 * columns changing when a new country or organisation appears.
 */
export function impactReportCsv(report: ImpactReport): string {
  const csv = new CsvDocument(IMPACT_CSV_COLUMNS);
  csv.add(['report', 'scope', report.scope.kind]).add(['report', 'id', report.scope.id]);
  if (report.scope.organisationId) csv.add(['report', 'organisation', report.scope.organisationId]);
  csv.add(['report', 'as-of', report.asOf]);
  for (const program of report.programs) csv.add(['program', program.programId, program.title]);
  csv.add(['participants', 'total', report.participants.total]);
  const counts = (section: string, values: Record<string, number>) => {
    for (const [item, value] of Object.entries(values)) csv.add([section, item, value]);
  };
  counts('participants-by-country', report.participants.byCountry);
  counts('participants-by-gender', report.participants.byGender);
  counts('participants-by-involvement', report.participants.byInvolvement);
  counts('participants-by-role', report.participants.byRole);
  csv.add(['meetings', 'held', report.meetings.held]).add(['meetings', 'organisations-met', report.meetings.organisationsMet]);
  for (const organisation of report.meetings.organisations) csv.add(['organisation-met', organisation.name ?? organisation.resourceId, organisation.meetingsHeld]);
  csv.add(['community', 'members-reached', report.community.membersReached]).add(['community', 'check-ins', report.community.checkIns]);
  return csv.toString();
}
