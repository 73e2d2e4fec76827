import type { OrganisationKind } from '@diplomacy/contracts';
import type { FieldError } from '@diplomacy/service-kit';

export interface PartnershipShape {
  partnerCountry: string;
  usAssociationId: string | null;
  partnerAssociationId: string | null;
}

/**
 * A sister-city partnership pairs a US community with one abroad, and is run by
 * two different sister-city associations (either may not be registered yet).
 */
export class PartnershipRules {
  static check(shape: PartnershipShape, kinds: ReadonlyMap<string, OrganisationKind>): FieldError[] {
    const errors: FieldError[] = [];
    if (shape.partnerCountry === 'US') errors.push({ field: 'partnerCommunity.country', messages: ['the partner community is abroad, not in the US'] });
    for (const field of ['usAssociationId', 'partnerAssociationId'] as const) {
      const id = shape[field];
      if (!id) continue;
      const kind = kinds.get(id);
      if (!kind) errors.push({ field, messages: [`organisation ${id} does not exist`] });
      else if (kind !== 'sister-city-association') errors.push({ field, messages: [`organisation ${id} is a ${kind}, not a sister-city association`] });
    }
    if (shape.usAssociationId && shape.usAssociationId === shape.partnerAssociationId) {
      errors.push({ field: 'partnerAssociationId', messages: ['the two associations must be different organisations'] });
    }
    return errors;
  }
}
