import { randomUUID } from 'node:crypto';
import { RequestValidationError } from '@diplomacy/service-kit';
import type { FieldError } from '@diplomacy/service-kit';
import { OrganisationContactEntity } from '../organisation.entity';
import type { ContactDto } from '../dto/organisation.dto';

/**
 * Turns the requested contact list into rows. A contact keeps its id when the
 * request names it, so consumers can tell an edited contact from a new one.
 */
export function contactRows(organisationId: string, requested: ContactDto[], existingIds: ReadonlySet<string> = new Set()): OrganisationContactEntity[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  requested.forEach((contact, index) => {
    if (!contact.contactId) return;
    if (!existingIds.has(contact.contactId)) errors.push({ field: `contacts.${index}.contactId`, messages: ['contactId is not a contact of this organisation'] });
    else if (seen.has(contact.contactId)) errors.push({ field: `contacts.${index}.contactId`, messages: ['contactId appears twice'] });
    seen.add(contact.contactId);
  });
  if (errors.length > 0) throw new RequestValidationError(errors);
  return requested.map((contact, position) =>
    Object.assign(new OrganisationContactEntity(), {
      id: contact.contactId ?? randomUUID(),
      organisationId,
      position,
      name: contact.name,
      role: contact.role,
      email: contact.email ?? null,
      phone: contact.phone ?? null,
      preferredLanguage: contact.preferredLanguage ?? null,
    }),
  );
}
