import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** This service's copy of a program, built from `programs.events`. */
@Entity({ name: 'scheduled_programs' })
export class ScheduledProgramEntity {
  @PrimaryColumn({ name: 'program_id', type: 'uuid' })
  programId!: string;

  @Column({ name: 'organisation_id', type: 'text' })
  organisationId!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ name: 'start_date', type: 'date' })
  startDate!: string;

  @Column({ name: 'end_date', type: 'date' })
  endDate!: string;

  @Column({ name: 'last_event_id', type: 'uuid' })
  lastEventId!: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** A participant of a program, as the programs service announced them. */
@Entity({ name: 'program_participants' })
export class ProgramParticipantEntity {
  @PrimaryColumn({ name: 'program_id', type: 'uuid' })
  programId!: string;

  @PrimaryColumn({ name: 'participant_id', type: 'uuid' })
  participantId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  role!: string;

  /** Kept rather than deleted: past items still show who was there. */
  @Column({ name: 'removed_at', type: 'timestamptz', nullable: true })
  removedAt!: Date | null;

  @Column({ name: 'last_event_id', type: 'uuid' })
  lastEventId!: string;
}
