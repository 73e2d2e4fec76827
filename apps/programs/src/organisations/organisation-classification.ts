import type { OrganisationKind, ResourceType } from '@diplomacy/contracts';
import type { FieldError } from '@diplomacy/service-kit';

/**
 * A resource organisation (the police department, the library…) always says
 * which kind of resource it is; councils, associations and agencies never do.
 */
export class OrganisationClassification {
  static check(kind: OrganisationKind, resourceType: ResourceType | null | undefined): FieldError[] {
    if (kind === 'resource-organisation' && !resourceType) {
      return [{ field: 'resourceType', messages: ['resourceType is required for a resource organisation'] }];
    }
    if (kind !== 'resource-organisation' && resourceType) {
      return [{ field: 'resourceType', messages: [`resourceType applies only to resource organisations, not to a ${kind}`] }];
    }
    return [];
  }
}
