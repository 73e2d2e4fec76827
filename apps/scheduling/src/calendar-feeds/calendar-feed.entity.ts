import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A subscribable calendar URL. Only the SHA-256 of its secret is kept, so a database leak reveals no working URL. */
@Entity({ name: 'calendar_feeds' })
export class CalendarFeedEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'program_id', type: 'uuid' })
  programId!: string;

  /** The program's organisation: a secret link adopts it, so the feed renders within that tenant only. */
  @Column({ name: 'organisation_id', type: 'text' })
  organisationId!: string;

  /** null: the whole program's itinerary. */
  @Column({ name: 'participant_id', type: 'uuid', nullable: true })
  participantId!: string | null;

  @Column({ name: 'token_hash', type: 'bytea' })
  tokenHash!: Buffer;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
