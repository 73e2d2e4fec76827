import { Module } from '@nestjs/common';
import { ItineraryModule } from '../itinerary/itinerary.module';
import { ProgramBookController } from './program-book.controller';
import { ProgramBookService } from './program-book.service';

/** The printable program book (PDF), per program and per participant. */
@Module({ imports: [ItineraryModule], controllers: [ProgramBookController], providers: [ProgramBookService] })
export class ProgramBookModule {}
