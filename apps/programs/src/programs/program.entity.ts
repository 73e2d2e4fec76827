import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { ProgramKind, ProgramStatus } from '@diplomacy/contracts';

@Entity({ name: 'programs' })
export class ProgramEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** Tenant: the council or association that runs the program (tenancy arrives with issue 7). */
  @Column({ name: 'organisation_id', type: 'text' })
  organisationId!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  kind!: ProgramKind;

  @Column({ type: 'text' })
  status!: ProgramStatus;

  /** Why the program last changed status; a cancellation always has one. */
  @Column({ name: 'status_reason', type: 'text', nullable: true })
  statusReason!: string | null;

  @Column({ type: 'text', nullable: true })
  theme!: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  objectives!: string[];

  @Column({ name: 'host_organisation_id', type: 'uuid', nullable: true })
  hostOrganisationId!: string | null;

  @Column({ name: 'partnership_id', type: 'uuid', nullable: true })
  partnershipId!: string | null;

  @Column({ name: 'start_date', type: 'date' })
  startDate!: string;

  @Column({ name: 'end_date', type: 'date' })
  endDate!: string;

  /** Optimistic concurrency: a write that read an older version fails instead of overwriting. */
  @VersionColumn()
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

@Entity({ name: 'program_legs' })
export class ProgramLegEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'program_id', type: 'uuid' })
  programId!: string;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'text' })
  city!: string;

  @Column({ name: 'time_zone', type: 'text' })
  timeZone!: string;

  @Column({ name: 'start_date', type: 'date' })
  startDate!: string;

  @Column({ name: 'end_date', type: 'date' })
  endDate!: string;

  @Column({ name: 'local_host_organisation_id', type: 'uuid', nullable: true })
  localHostOrganisationId!: string | null;
}

@Entity({ name: 'program_co_hosts' })
export class ProgramCoHostEntity {
  @PrimaryColumn({ name: 'program_id', type: 'uuid' })
  programId!: string;

  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;
}
