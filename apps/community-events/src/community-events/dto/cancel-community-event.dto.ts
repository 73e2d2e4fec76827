import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class CancelCommunityEventDto {
  @ApiProperty({ example: 'Severe weather warning', description: 'Told to every registrant by notifications.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;
}
