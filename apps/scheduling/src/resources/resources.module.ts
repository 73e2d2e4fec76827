import { Module } from '@nestjs/common';
import { AuditModule } from '@diplomacy/service-kit';
import { RegisterResourceUseCase } from './register-resource.usecase';
import { ResourceRepository } from './resource.repository';
import { ResourcesController } from './resources.controller';

@Module({
  imports: [AuditModule],
  controllers: [ResourcesController],
  providers: [ResourceRepository, RegisterResourceUseCase],
  exports: [ResourceRepository],
})
export class ResourcesModule {}
