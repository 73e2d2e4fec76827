import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { Gender, NotificationChannel, ParticipantRole } from '@diplomacy/contracts';

@Entity({ name: 'participants' })
export class ParticipantEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'program_id', type: 'uuid' })
  programId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'char', length: 2 })
  country!: string;

  @Column({ type: 'text', nullable: true })
  title!: string | null;

  @Column({ name: 'organisation_name', type: 'text', nullable: true })
  organisationName!: string | null;

  @Column({ type: 'text' })
  role!: ParticipantRole;

  @Column({ type: 'text', array: true })
  languages!: string[];

  @Column({ name: 'preferred_language', type: 'text', nullable: true })
  preferredLanguage!: string | null;

  @Column({ name: 'notification_channels', type: 'text', array: true })
  notificationChannels!: NotificationChannel[];

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  /** Private: impact counts only. */
  @Column({ type: 'text', nullable: true })
  gender!: Gender | null;

  /** Private: coordinators only. */
  @Column({ name: 'dietary_notes', type: 'text', nullable: true })
  dietaryNotes!: string | null;

  /** Private: coordinators only. */
  @Column({ name: 'accessibility_notes', type: 'text', nullable: true })
  accessibilityNotes!: string | null;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
