import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { RegistrationStatus } from '@diplomacy/contracts';

@Entity({ name: 'registrations' })
export class RegistrationEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ name: 'party_size', type: 'integer' })
  partySize!: number;

  @Column({ name: 'preferred_language', type: 'text' })
  preferredLanguage!: string;

  /** Private: shown to organisers only, never published, never logged. */
  @Column({ name: 'accessibility_needs', type: 'text', nullable: true })
  accessibilityNeeds!: string | null;

  @Column({ type: 'text' })
  status!: RegistrationStatus;

  /** Arrival order (a bigint, read as a string); the waitlist is served in this order. */
  @Column({ name: 'queue_position', type: 'bigint', insert: false, update: false })
  queuePosition!: string;

  @Column({ name: 'offer_expires_at', type: 'timestamptz', nullable: true })
  offerExpiresAt!: Date | null;

  /** sha256 of the self-service token; the token itself is never stored. */
  @Column({ name: 'token_hash', type: 'bytea' })
  tokenHash!: Buffer;

  @Column({ name: 'checked_in_at', type: 'timestamptz', nullable: true })
  checkedInAt!: Date | null;

  @Column({ name: 'checked_in_party', type: 'integer', nullable: true })
  checkedInParty!: number | null;

  @Column({ type: 'integer' })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
