import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { FocusArea, PartnershipStatus, UsCommunityKind } from '@diplomacy/contracts';

@Entity({ name: 'partnerships' })
export class PartnershipEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'managed_by', type: 'text' })
  managedBy!: string;

  @Column({ name: 'us_community_name', type: 'text' })
  usCommunityName!: string;

  @Column({ name: 'us_community_kind', type: 'text' })
  usCommunityKind!: UsCommunityKind;

  @Column({ name: 'us_state', type: 'char', length: 2 })
  usState!: string;

  @Column({ name: 'partner_community_name', type: 'text' })
  partnerCommunityName!: string;

  @Column({ name: 'partner_country', type: 'char', length: 2 })
  partnerCountry!: string;

  @Column({ name: 'established_on', type: 'date', nullable: true })
  establishedOn!: string | null;

  @Column({ name: 'focus_areas', type: 'text', array: true })
  focusAreas!: FocusArea[];

  @Column({ type: 'text' })
  status!: PartnershipStatus;

  @Column({ name: 'us_association_id', type: 'uuid', nullable: true })
  usAssociationId!: string | null;

  @Column({ name: 'partner_association_id', type: 'uuid', nullable: true })
  partnerAssociationId!: string | null;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
