import { Controller, Get, Header, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CommunityEventRepository } from '../community-events/community-event.repository';
import { CommunityEventNotFoundError } from '../community-events/community-events.errors';
import { CommunityEventIdParams } from '../community-events/dto/create-community-event.dto';
import { RegistrationRepository } from '../registrations/registration.repository';
import { SlotRepository } from '../slots/slot.repository';
import { CsvDocument } from './csv-document';

const CSV = 'text/csv; charset=utf-8';

/** Organisers' spreadsheets. The only place private fields (email, phone, accessibility needs) leave the service. */
@ApiBearerAuth()
@ApiTags('exports')
@Controller('community-events/:id/exports')
export class ExportsController {
  constructor(
    @Inject(CommunityEventRepository) private readonly events: CommunityEventRepository,
    @Inject(RegistrationRepository) private readonly registrations: RegistrationRepository,
    @Inject(SlotRepository) private readonly slots: SlotRepository,
  ) {}

  private async ensureEvent(id: string): Promise<void> {
    if (!(await this.events.findById(id))) throw new CommunityEventNotFoundError(id);
  }

  @Get('registrants.csv')
  @Header('Content-Type', CSV)
  @Header('Content-Disposition', 'attachment; filename="registrants.csv"')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'Seated registrations (confirmed, and offered with their claim deadline) with contact, accessibility needs and sign-ups.', schema: { type: 'string' } })
  @ApiNotFoundResponse({ description: 'no such event' })
  async registrants(@Param() params: CommunityEventIdParams): Promise<string> {
    await this.ensureEvent(params.id);
    const claims = await this.slots.claimsForEvent(params.id);
    const csv = new CsvDocument(['registrationId', 'status', 'name', 'email', 'phone', 'partySize', 'preferredLanguage', 'accessibilityNeeds', 'signUps', 'offerExpiresAt', 'registeredAt', 'checkedInAt']);
    for (const r of await this.registrations.listByStatus(params.id, ['confirmed', 'offered'])) {
      const signUps = claims.filter((c) => c.registrationId === r.id).map((c) => `${c.label} x${c.quantity}`).join('; ');
      csv.add([r.id, r.status, r.name, r.email, r.phone, r.partySize, r.preferredLanguage, r.accessibilityNeeds, signUps, r.offerExpiresAt, r.createdAt, r.checkedInAt]);
    }
    return csv.toString();
  }

  @Get('waitlist.csv')
  @Header('Content-Type', CSV)
  @Header('Content-Disposition', 'attachment; filename="waitlist.csv"')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'Waiting parties in waitlist order.', schema: { type: 'string' } })
  @ApiNotFoundResponse({ description: 'no such event' })
  async waitlist(@Param() params: CommunityEventIdParams): Promise<string> {
    await this.ensureEvent(params.id);
    const csv = new CsvDocument(['position', 'registrationId', 'name', 'email', 'phone', 'partySize', 'preferredLanguage', 'accessibilityNeeds', 'registeredAt']);
    (await this.registrations.listByStatus(params.id, ['waitlisted'])).forEach((r, index) =>
      csv.add([index + 1, r.id, r.name, r.email, r.phone, r.partySize, r.preferredLanguage, r.accessibilityNeeds, r.createdAt]),
    );
    return csv.toString();
  }

  @Get('check-ins.csv')
  @Header('Content-Type', CSV)
  @Header('Content-Disposition', 'attachment; filename="check-ins.csv"')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'Parties that arrived, in arrival order.', schema: { type: 'string' } })
  @ApiNotFoundResponse({ description: 'no such event' })
  async checkIns(@Param() params: CommunityEventIdParams): Promise<string> {
    await this.ensureEvent(params.id);
    const csv = new CsvDocument(['registrationId', 'name', 'email', 'registeredPartySize', 'arrived', 'checkedInAt']);
    for (const r of await this.registrations.listCheckedIn(params.id)) csv.add([r.id, r.name, r.email, r.partySize, r.checkedInParty, r.checkedInAt]);
    return csv.toString();
  }
}
