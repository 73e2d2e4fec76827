import { Module } from '@nestjs/common';
import { ProgramProjectionRepository } from './program-projection.repository';

/** The local copy of programs and participants, read by the itinerary. */
@Module({ providers: [ProgramProjectionRepository], exports: [ProgramProjectionRepository] })
export class ProgramProjectionModule {}
