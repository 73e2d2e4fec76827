import type { Role } from './roles';
import { isRole } from './roles';

/** Who is calling, as the verified token says. */
export interface Principal {
  /** The token's `sub`. */
  subject: string;
  /** The organisation (tenant) the caller acts for: the token's `org`. Null only for a platform admin without one. */
  organisationId: string | null;
  roles: Role[];
  /** For a participant: the participant record the token speaks for (`participant_id`). */
  participantId?: string;
  /** For a host/resource contact: the contact record (`contact_id`). */
  contactId?: string;
}

export class InvalidClaimsError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidClaimsError';
  }
}

const ID = /^[A-Za-z0-9._:@|-]{1,200}$/;

/** Turns a verified token's claims into a principal, refusing tokens that do not say enough. */
export function principalFromClaims(claims: Record<string, unknown>): Principal {
  const subject = claims['sub'];
  if (typeof subject !== 'string' || !ID.test(subject)) throw new InvalidClaimsError('sub is missing or malformed');
  const rawRoles = claims['roles'];
  if (!Array.isArray(rawRoles)) throw new InvalidClaimsError('roles must be an array');
  // Unknown roles are ignored rather than refused: an identity provider may carry roles of other systems.
  const roles = [...new Set(rawRoles.filter(isRole))];
  if (roles.length === 0) throw new InvalidClaimsError('roles names no known role');
  const org = claims['org'];
  if (org !== undefined && (typeof org !== 'string' || !ID.test(org))) throw new InvalidClaimsError('org is malformed');
  const isAdmin = roles.includes('platform-admin');
  if (!isAdmin && org === undefined) throw new InvalidClaimsError('org is required for every role but platform-admin');
  const principal: Principal = { subject, organisationId: (org as string | undefined) ?? null, roles };
  for (const [role, claim, field] of [
    ['participant', 'participant_id', 'participantId'],
    ['contact', 'contact_id', 'contactId'],
  ] as const) {
    if (!roles.includes(role)) continue;
    const value = claims[claim];
    if (typeof value !== 'string' || !ID.test(value)) throw new InvalidClaimsError(`${claim} is required for the ${role} role`);
    principal[field] = value;
  }
  return principal;
}
