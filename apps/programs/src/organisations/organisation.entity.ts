import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { OrganisationKind, ResourceType } from '@diplomacy/contracts';

@Entity({ name: 'organisations' })
export class OrganisationEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'managed_by', type: 'text' })
  managedBy!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: OrganisationKind;

  @Column({ name: 'resource_type', type: 'text', nullable: true })
  resourceType!: ResourceType | null;

  @Column({ name: 'address_line1', type: 'text', nullable: true })
  addressLine1!: string | null;

  @Column({ name: 'address_line2', type: 'text', nullable: true })
  addressLine2!: string | null;

  @Column({ type: 'text' })
  city!: string;

  @Column({ type: 'text', nullable: true })
  region!: string | null;

  @Column({ name: 'postal_code', type: 'text', nullable: true })
  postalCode!: string | null;

  @Column({ type: 'char', length: 2 })
  country!: string;

  @Column({ name: 'time_zone', type: 'text' })
  timeZone!: string;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

@Entity({ name: 'organisation_contacts' })
export class OrganisationContactEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  /** Contacts keep the order the coordinator gave them: the first is whom to call first. */
  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  role!: string;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ name: 'preferred_language', type: 'text', nullable: true })
  preferredLanguage!: string | null;
}
