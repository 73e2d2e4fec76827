import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { AgendaItemKind, AgendaItemStatus } from '@diplomacy/contracts';

/**
 * The latest state of one agenda item, kept from `scheduling.schedule-changes`. Only
 * what the impact reports and organisation histories read is copied; scheduling
 * remains the owner of the itinerary.
 */
@Entity({ name: 'schedule_items' })
export class ScheduleItemEntity {
  @PrimaryColumn({ name: 'item_id', type: 'uuid' })
  itemId!: string;

  @Column({ name: 'program_id', type: 'uuid' })
  programId!: string;

  @Column({ type: 'text' })
  kind!: AgendaItemKind;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  status!: AgendaItemStatus;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt!: Date;

  /** Scheduling's id of the resource organisation met, if any. */
  @Column({ name: 'resource_id', type: 'uuid', nullable: true })
  resourceId!: string | null;

  @Column({ name: 'resource_name', type: 'text', nullable: true })
  resourceName!: string | null;

  /** The item's version in scheduling: an older copy arriving late never overwrites a newer one. */
  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'last_event_id', type: 'uuid' })
  lastEventId!: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** One party's arrival at a community event, for one program the event was linked to. */
@Entity({ name: 'community_check_ins' })
export class CommunityCheckInEntity {
  @PrimaryColumn({ name: 'registration_id', type: 'uuid' })
  registrationId!: string;

  @PrimaryColumn({ name: 'program_id', type: 'uuid' })
  programId!: string;

  @Column({ name: 'community_event_id', type: 'uuid' })
  communityEventId!: string;

  @Column({ name: 'party_size', type: 'integer' })
  partySize!: number;

  @Column({ name: 'checked_in_at', type: 'timestamptz' })
  checkedInAt!: Date;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;
}
