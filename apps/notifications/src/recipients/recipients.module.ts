import { Module } from '@nestjs/common';
import { RecipientProjection } from './recipient-projection';
import { RecipientRepository } from './recipient.repository';
import { RecipientsController } from './recipients.controller';

@Module({
  controllers: [RecipientsController],
  providers: [RecipientRepository, RecipientProjection],
  exports: [RecipientRepository, RecipientProjection],
})
export class RecipientsModule {}
