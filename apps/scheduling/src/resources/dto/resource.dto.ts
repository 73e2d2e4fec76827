import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsEmail, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import type { ScheduleAddressV1, ScheduleContactV1 } from '@diplomacy/contracts';
import { IsIanaTimeZone } from '../../time/time-zone';
import { WEEKDAYS } from '../availability.policy';
import type { AvailabilityWindow, Weekday } from '../availability.policy';
import { RESOURCE_KINDS } from '../resource.entity';
import type { ResourceEntity, ResourceKind } from '../resource.entity';

const HHMM = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

export class AddressDto {
  @ApiPropertyOptional({ example: '1125 Locust St' }) @IsOptional() @IsString() @MaxLength(200) line1?: string;
  @ApiProperty({ example: 'Kansas City' }) @IsString() @IsNotEmpty() @MaxLength(200) city!: string;
  @ApiPropertyOptional({ example: 'MO' }) @IsOptional() @IsString() @MaxLength(200) region?: string;
  @ApiPropertyOptional({ example: '64106' }) @IsOptional() @IsString() @MaxLength(20) postalCode?: string;
  @ApiProperty({ example: 'US' }) @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code' }) country!: string;
}

export class ContactDto {
  @ApiProperty({ example: 'Sgt. Dana Reyes' }) @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiPropertyOptional({ example: 'Community engagement officer' }) @IsOptional() @IsString() @MaxLength(200) role?: string;
  @ApiPropertyOptional({ example: 'dana.reyes@kcpd.example' }) @IsOptional() @IsEmail() email?: string;
  @ApiPropertyOptional({ example: '+1 816 555 0100' }) @IsOptional() @IsString() @MaxLength(40) phone?: string;
}

export class AvailabilityWindowDto {
  @ApiProperty({ enum: WEEKDAYS, isArray: true, example: ['mon', 'tue', 'wed', 'thu', 'fri'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(WEEKDAYS, { each: true })
  days!: Weekday[];

  @ApiProperty({ example: '08:00', description: 'Local time where the resource is.' }) @Matches(HHMM, { message: 'from must be HH:mm' }) from!: string;
  @ApiProperty({ example: '12:00', description: 'Local time, after from; 24:00 is the end of the day.' }) @Matches(HHMM, { message: 'to must be HH:mm' }) to!: string;
}

export class CreateResourceDto {
  @ApiPropertyOptional({ example: 'kansas-city-council', description: 'Defaults to the caller\'s organisation; naming another answers 403. A platform admin must name it.' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._:@|-]{1,200}$/, { message: 'organisationId must be an organisation id' })
  organisationId?: string;
  @ApiProperty({ enum: RESOURCE_KINDS }) @IsIn(RESOURCE_KINDS) kind!: ResourceKind;
  @ApiProperty({ example: 'Kansas City Police Department, Community Engagement Division' }) @IsString() @IsNotEmpty() @MaxLength(300) name!: string;
  @ApiPropertyOptional({ type: AddressDto }) @IsOptional() @ValidateNested() @Type(() => AddressDto) address?: AddressDto;
  @ApiProperty({ example: 'America/Chicago', description: 'Where it is; its availability windows are in this zone.' }) @IsIanaTimeZone() timeZone!: string;
  @ApiPropertyOptional({ type: ContactDto }) @IsOptional() @ValidateNested() @Type(() => ContactDto) contact?: ContactDto;
  @ApiPropertyOptional({ minimum: 1, description: 'People it holds (venues).' }) @IsOptional() @IsInt() @Min(1) capacity?: number;
  @ApiProperty({ description: 'Limited: one booking at a time (a meeting room, a department that hosts one visit at a time).' }) @IsBoolean() exclusive!: boolean;
  @ApiPropertyOptional({ type: [AvailabilityWindowDto], description: 'When it can host; none means any time.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AvailabilityWindowDto)
  availability?: AvailabilityWindowDto[];
}

export class ResourceIdParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID() resourceId!: string;
}

export class AvailabilityWindowResponse {
  @ApiProperty({ enum: WEEKDAYS, isArray: true }) days!: Weekday[];
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
}

export class ResourceResponse {
  @ApiProperty({ format: 'uuid' }) resourceId!: string;
  @ApiProperty({ example: 'kansas-city-council' }) organisationId!: string;
  @ApiProperty({ enum: RESOURCE_KINDS }) kind!: ResourceKind;
  @ApiProperty() name!: string;
  @ApiPropertyOptional({ type: AddressDto, nullable: true }) address!: ScheduleAddressV1 | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Free-text address (venues learned from community events).' }) streetAddress!: string | null;
  @ApiProperty() timeZone!: string;
  @ApiPropertyOptional({ type: ContactDto, nullable: true }) contact!: ScheduleContactV1 | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) capacity!: number | null;
  @ApiProperty() exclusive!: boolean;
  @ApiProperty({ type: [AvailabilityWindowResponse] }) availability!: AvailabilityWindow[];
  @ApiProperty() version!: number;

  static of(entity: ResourceEntity): ResourceResponse {
    const { id, createdAt: _c, updatedAt: _u, ...rest } = entity;
    return Object.assign(new ResourceResponse(), { resourceId: id, ...rest });
  }
}
