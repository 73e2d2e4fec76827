import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { UnitOfWork } from '@diplomacy/messaging';
import { CommunityEventRepository } from '../../community-events/community-event.repository';
import { CommunityEventNotFoundError } from '../../community-events/community-events.errors';
import type { CreateSlotDto } from '../dto/slot.dto';
import { SignupSlotEntity } from '../signup-slot.entity';
import { SlotRepository } from '../slot.repository';
import { SlotEventClosedError, SlotLabelTakenError } from '../slots.errors';

/** An organiser offers a sign-up slot. Slots are part of the event page, not news: no event is published for them. */
@Injectable()
export class CreateSlotUseCase {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(CommunityEventRepository) private readonly events: CommunityEventRepository,
    @Inject(SlotRepository) private readonly slots: SlotRepository,
  ) {}

  async execute(eventId: string, command: CreateSlotDto): Promise<SignupSlotEntity> {
    return this.unitOfWork.run(async (tx) => {
      const event = await this.events.lockById(tx.manager, eventId);
      if (!event) throw new CommunityEventNotFoundError(eventId);
      if (event.status !== 'draft' && event.status !== 'published') throw new SlotEventClosedError(event.status);
      if (await this.slots.labelTaken(tx.manager, eventId, command.label)) throw new SlotLabelTakenError(command.label);
      return this.slots.insert(
        tx.manager,
        Object.assign(new SignupSlotEntity(), { id: randomUUID(), eventId, label: command.label, description: command.description ?? null, quantity: command.quantity }),
      );
    });
  }
}
