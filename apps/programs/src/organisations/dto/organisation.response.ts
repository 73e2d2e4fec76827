import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ORGANISATION_KINDS, RESOURCE_TYPES } from '@diplomacy/contracts';
import type { OrganisationKind, ResourceType } from '@diplomacy/contracts';
import type { OrganisationView } from '../organisation.view';

export class AddressResponse {
  @ApiPropertyOptional({ nullable: true, type: String }) line1!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) line2!: string | null;
  @ApiProperty() city!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) region!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) postalCode!: string | null;
  @ApiProperty() country!: string;
}

export class ContactResponse {
  @ApiProperty({ format: 'uuid' }) contactId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() role!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) email!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) phone!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) preferredLanguage!: string | null;
}

export class OrganisationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() managedBy!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ORGANISATION_KINDS }) kind!: OrganisationKind;
  @ApiPropertyOptional({ enum: RESOURCE_TYPES, nullable: true }) resourceType!: ResourceType | null;
  @ApiProperty({ type: AddressResponse }) address!: AddressResponse;
  @ApiProperty() timeZone!: string;
  @ApiProperty({ type: [ContactResponse] }) contacts!: ContactResponse[];
  @ApiProperty({ description: 'Send it back as If-Match to update.' }) version!: number;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;

  static of({ organisation: o, contacts }: OrganisationView): OrganisationResponse {
    return Object.assign(new OrganisationResponse(), {
      id: o.id,
      managedBy: o.managedBy,
      name: o.name,
      kind: o.kind,
      resourceType: o.resourceType,
      address: { line1: o.addressLine1, line2: o.addressLine2, city: o.city, region: o.region, postalCode: o.postalCode, country: o.country },
      timeZone: o.timeZone,
      contacts: contacts.map((c) => ({ contactId: c.id, name: c.name, role: c.role, email: c.email, phone: c.phone, preferredLanguage: c.preferredLanguage })),
      version: o.version,
      createdAt: o.createdAt.toISOString(),
      updatedAt: o.updatedAt.toISOString(),
    });
  }
}

export class OrganisationPageResponse {
  @ApiProperty({ type: [OrganisationResponse] }) items!: OrganisationResponse[];
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null on the last page.' })
  nextCursor!: string | null;
}
