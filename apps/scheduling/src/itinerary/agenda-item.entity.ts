import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { AgendaItemKind, AgendaItemStatus } from '@diplomacy/contracts';
import type { ConflictRule } from './conflict-rules';

/** Why an item is on the itinerary without booking anyone (see docs/scheduling.md, community events). */
export interface BookingConflict {
  rule: ConflictRule;
  message: string;
  conflictingItemId: string | null;
  participantId: string | null;
  resourceId: string | null;
}

@Entity({ name: 'agenda_items' })
export class AgendaItemEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'program_id', type: 'uuid' })
  programId!: string;

  /** The program's organisation, copied so that one condition scopes every query of items (docs/security.md). */
  @Column({ name: 'organisation_id', type: 'text' })
  organisationId!: string;

  @Column({ type: 'text' })
  kind!: AgendaItemKind;

  @Column({ type: 'text' })
  title!: string;

  /** Instants; Postgres keeps timestamptz in UTC. */
  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt!: Date;

  /** IANA zone of where it happens: what its local times are rendered in. */
  @Column({ name: 'time_zone', type: 'text' })
  timeZone!: string;

  @Column({ name: 'venue_id', type: 'uuid', nullable: true })
  venueId!: string | null;

  @Column({ name: 'resource_id', type: 'uuid', nullable: true })
  resourceId!: string | null;

  /** Every participant of the program attends, including those who join later. */
  @Column({ name: 'whole_delegation', type: 'boolean' })
  wholeDelegation!: boolean;

  /** Participants named by the coordinator (besides the whole delegation, if set). */
  @Column({ name: 'participant_ids', type: 'uuid', array: true })
  participantIds!: string[];

  @Column({ name: 'interpreter_ids', type: 'uuid', array: true })
  interpreterIds!: string[];

  @Column({ type: 'text' })
  status!: AgendaItemStatus;

  @Column({ name: 'cancellation_reason', type: 'text', nullable: true })
  cancellationReason!: string | null;

  @Column({ type: 'text', nullable: true })
  notes!: string | null;

  /** The item's own travel buffer; null means the configured default. */
  @Column({ name: 'travel_buffer_minutes', type: 'integer', nullable: true })
  travelBufferMinutes!: number | null;

  /** The buffer in force at the last write (override or the default then), as the attendance rows hold it. */
  @Column({ name: 'effective_buffer_minutes', type: 'integer' })
  effectiveBufferMinutes!: number;

  /**
   * Set when the item was recorded but not booked because booking it would break a
   * conflict rule (only community events arriving over Kafka are recorded like that;
   * an HTTP write is refused with 409 instead). No attendance or resource rows exist
   * for such an item; the next successful write (reschedule, attendees) clears it.
   */
  @Column({ name: 'booking_conflict', type: 'jsonb', nullable: true })
  bookingConflict!: BookingConflict | null;

  @Column({ name: 'outside_program_dates', type: 'boolean' })
  outsideProgramDates!: boolean;

  /** Optimistic concurrency: If-Match carries it; every change increments it. */
  @Column({ type: 'integer' })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
