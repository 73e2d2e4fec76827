import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GENDERS, NOTIFICATION_CHANNELS, PARTICIPANT_ROLES } from '@diplomacy/contracts';
import type { Gender, NotificationChannel, ParticipantRole } from '@diplomacy/contracts';
import type { ParticipantEntity } from '../participant.entity';

/** What coordinators see, private notes included; events carry only the public part. */
export class ParticipantResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) programId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() country!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) title!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) organisationName!: string | null;
  @ApiProperty({ enum: PARTICIPANT_ROLES }) role!: ParticipantRole;
  @ApiProperty({ type: [String] }) languages!: string[];
  @ApiPropertyOptional({ nullable: true, type: String }) preferredLanguage!: string | null;
  @ApiProperty({ enum: NOTIFICATION_CHANNELS, isArray: true }) notificationChannels!: NotificationChannel[];
  @ApiPropertyOptional({ nullable: true, type: String }) email!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) phone!: string | null;
  @ApiPropertyOptional({ enum: GENDERS, nullable: true }) gender!: Gender | null;
  @ApiPropertyOptional({ nullable: true, type: String }) dietaryNotes!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) accessibilityNotes!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;

  static of(p: ParticipantEntity): ParticipantResponse {
    return Object.assign(new ParticipantResponse(), {
      id: p.id,
      programId: p.programId,
      name: p.name,
      country: p.country,
      title: p.title,
      organisationName: p.organisationName,
      role: p.role,
      languages: p.languages,
      preferredLanguage: p.preferredLanguage,
      notificationChannels: p.notificationChannels,
      email: p.email,
      phone: p.phone,
      gender: p.gender,
      dietaryNotes: p.dietaryNotes,
      accessibilityNotes: p.accessibilityNotes,
      version: p.version,
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
    });
  }
}

export class ParticipantListResponse {
  @ApiProperty({ type: [ParticipantResponse] }) items!: ParticipantResponse[];
}
