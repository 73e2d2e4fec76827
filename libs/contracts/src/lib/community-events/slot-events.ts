import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export interface SlotClaimChangeV1 {
  eventId: string;
  slotId: string;
  /** What the slot is for, e.g. `main dish`. */
  label: string;
  registrationId: string;
  /** How many of the slot this registration took or gave back. */
  quantity: number;
  /** Claimed in total after the change, never above `capacity`. */
  claimed: number;
  capacity: number;
}

const UUID = { type: 'string', format: 'uuid' } as const;

const CLAIM_PROPERTIES = {
  eventId: UUID,
  slotId: UUID,
  label: { type: 'string', minLength: 1, maxLength: 200 },
  registrationId: UUID,
  quantity: { type: 'integer', minimum: 1 },
  claimed: { type: 'integer', minimum: 0 },
  capacity: { type: 'integer', minimum: 1 },
} as const;

export type SlotClaimedV1 = SlotClaimChangeV1;

export const SlotClaimed = defineEvent<SlotClaimedV1>({
  type: 'slot.claimed',
  version: 1,
  topic: Topics.communityEvents,
  description: 'A registrant signed up to bring or do something ("main dish ×10"). Keyed by event id.',
  schema: { type: 'object', additionalProperties: false, required: Object.keys(CLAIM_PROPERTIES), properties: CLAIM_PROPERTIES },
});

export interface SlotReleasedV1 extends SlotClaimChangeV1 {
  /** `registrant`: given back through the self-service link; `registration-cancelled`: the registration ended. */
  reason: 'registrant' | 'registration-cancelled';
}

export const SlotReleased = defineEvent<SlotReleasedV1>({
  type: 'slot.released',
  version: 1,
  topic: Topics.communityEvents,
  description: 'A sign-up was given back, by the registrant or because their registration ended. Keyed by event id.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: [...Object.keys(CLAIM_PROPERTIES), 'reason'],
    properties: { ...CLAIM_PROPERTIES, reason: { type: 'string', enum: ['registrant', 'registration-cancelled'] } },
  },
});
