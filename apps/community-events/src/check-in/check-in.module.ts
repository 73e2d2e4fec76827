import { Module } from '@nestjs/common';
import { RegistrationsCoreModule } from '../registrations/registrations-core.module';
import { CheckInController } from './check-in.controller';
import { CheckInUseCase } from './check-in.usecase';

@Module({ imports: [RegistrationsCoreModule], controllers: [CheckInController], providers: [CheckInUseCase] })
export class CheckInModule {}
