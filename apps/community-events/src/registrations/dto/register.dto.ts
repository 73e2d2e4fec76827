import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, registerDecorator } from 'class-validator';
import type { ValidationOptions } from 'class-validator';
import { SecretToken } from '@diplomacy/service-kit';

/** A well-formed BCP 47 tag, as Intl understands it (e.g. `en`, `es-MX`, `zh-Hant-TW`). */
export function IsLanguageTag(options?: ValidationOptions): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: 'isLanguageTag',
      target: target.constructor,
      propertyName: property as string,
      options: { message: `${String(property)} must be a BCP 47 language tag such as en or es-MX`, ...options },
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string' || value.length < 2 || value.length > 35) return false;
          try {
            return Intl.getCanonicalLocales(value).length === 1;
          } catch {
            return false;
          }
        },
      },
    });
}

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class RegisterDto {
  @ApiProperty({ example: 'Ana Morales' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'ana@example.org', description: 'One live registration per email and event; a retry returns it.' })
  @Transform(trim)
  @IsEmail()
  @MaxLength(320)
  email!: string;

  @ApiPropertyOptional({ example: '+1 816 555 0100' })
  @IsOptional()
  @IsString()
  @Matches(/^\+?[0-9 ()./-]{5,40}$/, { message: 'phone must be a phone number' })
  phone?: string;

  @ApiProperty({ minimum: 1, maximum: 50, description: 'The registrant plus guests; at most the event’s maxPartySize.' })
  @IsInt()
  @Min(1)
  @Max(50)
  partySize!: number;

  @ApiProperty({ example: 'es-MX', description: 'BCP 47 language tag for messages to this registrant.' })
  @IsLanguageTag()
  preferredLanguage!: string;

  @ApiPropertyOptional({ description: 'Private: organisers see it in exports; it is never published or logged.', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  accessibilityNeeds?: string;
}

export class ChangePartySizeDto {
  @ApiProperty({ minimum: 1, maximum: 50 })
  @IsInt()
  @Min(1)
  @Max(50)
  partySize!: number;
}

export class SelfServiceTokenParams {
  @ApiProperty({ description: 'The secret from the self-service link (43 characters, base64url).' })
  @Matches(SecretToken.PATTERN, { message: 'token must be the 43-character token from the self-service link' })
  token!: string;
}
