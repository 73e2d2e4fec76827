import { OrganisationMismatchError, RequestValidationError, TenantContext } from '@diplomacy/service-kit';

/**
 * The organisation a new record belongs to: the caller's own. A coordinator may leave the
 * field out or name their own organisation (naming another is a 403, not a silent
 * rewrite); a platform admin acts for every organisation and so must say which one.
 */
export function owningOrganisation(requested: string | undefined, field: string): string {
  const tenant = TenantContext.require();
  if (tenant.kind === 'organisation') {
    if (requested !== undefined && requested !== tenant.organisationId) throw new OrganisationMismatchError();
    return tenant.organisationId;
  }
  if (requested === undefined) throw new RequestValidationError([{ field, messages: [`a platform admin must name the organisation (${field})`] }]);
  return requested;
}
