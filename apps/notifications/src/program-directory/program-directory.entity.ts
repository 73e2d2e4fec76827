import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** This service's own copy of what it needs to know about programs, built from `programs.events`. */
@Entity({ name: 'program_directory' })
export class ProgramDirectoryEntry {
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

  @Column({ name: 'correlation_id', type: 'text' })
  correlationId!: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
