import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { CommunityEventKind, CommunityEventStatus, CommunityEventVisibility } from '@diplomacy/contracts';

@Entity({ name: 'community_events' })
export class CommunityEventEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'organisation_id', type: 'text' })
  organisationId!: string;

  @Column({ type: 'text' })
  kind!: CommunityEventKind;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ name: 'co_host_organisation_ids', type: 'text', array: true })
  coHostOrganisationIds!: string[];

  @Column({ name: 'venue_name', type: 'text' })
  venueName!: string;

  @Column({ name: 'venue_address', type: 'text' })
  venueAddress!: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt!: Date;

  @Column({ name: 'time_zone', type: 'text' })
  timeZone!: string;

  @Column({ type: 'integer' })
  capacity!: number;

  @Column({ name: 'max_party_size', type: 'integer' })
  maxPartySize!: number;

  @Column({ name: 'registration_opens_at', type: 'timestamptz', nullable: true })
  registrationOpensAt!: Date | null;

  @Column({ name: 'registration_closes_at', type: 'timestamptz', nullable: true })
  registrationClosesAt!: Date | null;

  @Column({ type: 'text' })
  visibility!: CommunityEventVisibility;

  @Column({ type: 'text' })
  status!: CommunityEventStatus;

  @Column({ name: 'program_ids', type: 'uuid', array: true })
  programIds!: string[];

  /** When set, promoted parties must claim their seats within this many hours. */
  @Column({ name: 'claim_window_hours', type: 'integer', nullable: true })
  claimWindowHours!: number | null;

  @Column({ name: 'cancellation_reason', type: 'text', nullable: true })
  cancellationReason!: string | null;

  /** Maintained by a trigger on registrations, never by the application; see the migration. */
  @Column({ name: 'seats_taken', type: 'integer', insert: false, update: false })
  seatsTaken!: number;

  /** Optimistic concurrency for organiser edits (If-Match); seat changes do not bump it. */
  @Column({ type: 'integer' })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
