import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { ScheduleAddressV1, ScheduleContactV1 } from '@diplomacy/contracts';
import type { AvailabilityWindow } from './availability.policy';

export const RESOURCE_KINDS = ['organisation', 'venue'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** Something an itinerary books: a resource organisation visitors meet, or a venue they meet in. */
@Entity({ name: 'resources' })
export class ResourceEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** The organisation whose itineraries book it; other organisations do not see it. */
  @Column({ name: 'organisation_id', type: 'text' })
  organisationId!: string;

  @Column({ type: 'text' })
  kind!: ResourceKind;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'jsonb', nullable: true })
  address!: ScheduleAddressV1 | null;

  /** A free-text address, when the source gave no structured one (community-events venues). */
  @Column({ name: 'street_address', type: 'text', nullable: true })
  streetAddress!: string | null;

  @Column({ name: 'time_zone', type: 'text' })
  timeZone!: string;

  @Column({ type: 'jsonb', nullable: true })
  contact!: ScheduleContactV1 | null;

  /** People it holds; null when it does not matter. */
  @Column({ type: 'integer', nullable: true })
  capacity!: number | null;

  /** Limited: it takes one booking at a time, enforced by resource_bookings' exclusion constraint. */
  @Column({ type: 'boolean' })
  exclusive!: boolean;

  @Column({ type: 'jsonb' })
  availability!: AvailabilityWindow[];

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
