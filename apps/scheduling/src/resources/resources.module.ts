import { Module } from '@nestjs/common';
import { RegisterResourceUseCase } from './register-resource.usecase';
import { ResourceRepository } from './resource.repository';
import { ResourcesController } from './resources.controller';

@Module({
  controllers: [ResourcesController],
  providers: [ResourceRepository, RegisterResourceUseCase],
  exports: [ResourceRepository],
})
export class ResourcesModule {}
