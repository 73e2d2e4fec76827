import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Something an event asks people to bring or do: "main dish ×10", "set-up volunteer ×4". */
@Entity({ name: 'signup_slots' })
export class SignupSlotEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ type: 'text' })
  label!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'integer' })
  quantity!: number;

  /** Maintained by a trigger on slot_claims; CHECK (claimed <= quantity) makes over-claiming impossible. */
  @Column({ type: 'integer', insert: false, update: false })
  claimed!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

@Entity({ name: 'slot_claims' })
export class SlotClaimEntity {
  @PrimaryColumn({ name: 'slot_id', type: 'uuid' })
  slotId!: string;

  @PrimaryColumn({ name: 'registration_id', type: 'uuid' })
  registrationId!: string;

  @Column({ type: 'integer' })
  quantity!: number;

  @CreateDateColumn({ name: 'claimed_at', type: 'timestamptz' })
  claimedAt!: Date;
}
