import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { BookingConflict } from '../agenda-item.entity';
import type { ItineraryDay } from '../day-by-day-itinerary';
import { AgendaItemResponse } from './agenda-item.response';

export class ItineraryEntryResponse {
  @ApiProperty({ type: AgendaItemResponse }) item!: AgendaItemResponse;
  @ApiProperty({ example: '09:00', description: 'In the item\'s zone.' }) localStartTime!: string;
  @ApiProperty({ example: '10:30' }) localEndTime!: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Set when the item ends on a later local date.' }) localEndDate!: string | null;
  @ApiProperty({ example: '-05:00' }) utcOffset!: string;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Travel time available since the previous item at another venue.' }) minutesSincePreviousItem!: number | null;
}

export class ItineraryDayResponse {
  @ApiProperty({ example: '2027-03-09', description: 'Local date where the day\'s items happen.' }) date!: string;
  @ApiProperty({ type: [String], example: ['America/Chicago'] }) timeZones!: string[];
  @ApiProperty({ type: [ItineraryEntryResponse] }) entries!: ItineraryEntryResponse[];
}

export class ItineraryResponse {
  @ApiProperty({ format: 'uuid' }) programId!: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) participantId!: string | null;
  @ApiProperty({ type: [ItineraryDayResponse] }) days!: ItineraryDayResponse[];

  static of(programId: string, participantId: string | null, days: ItineraryDay[], conflicts: ReadonlyMap<string, BookingConflict> = new Map()): ItineraryResponse {
    return {
      programId,
      participantId,
      days: days.map((day) => ({
        ...day,
        entries: day.entries.map((entry) => ({ ...entry, item: AgendaItemResponse.of(entry.item, conflicts.get(entry.item.itemId) ?? null) })),
      })),
    };
  }
}
