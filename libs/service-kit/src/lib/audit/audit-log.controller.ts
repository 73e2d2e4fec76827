import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequestValidationError } from '../http/domain-error';
import { Roles } from '../security/security.decorators';
import { AuditCursor } from './audit-cursor';
import { AUDIT_DEFAULT_PAGE_SIZE, AuditLogQuery, AuditPageResponse } from './audit-log.dto';
import { AuditTrail } from './audit-trail';

/**
 * `GET /audit`: one log per organisation, filtered by entity, actor and time (as GitHub's and
 * Stripe's organisation audit logs are), rather than one route per resource. Coordinators
 * (and platform admins) only: a viewer's read-only access does not extend to who did what.
 */
@ApiTags('audit')
@Controller('audit')
export class AuditLogController {
  constructor(@Inject(AuditTrail) private readonly trail: AuditTrail) {}

  @Get()
  @Roles('coordinator')
  @ApiBearerAuth()
  @ApiOkResponse({ type: AuditPageResponse, description: "Your organisation's entries, newest first; follow `nextCursor` for older ones." })
  @ApiBadRequestResponse({ description: 'problem+json naming each invalid query parameter' })
  @ApiForbiddenResponse({ description: 'Not a coordinator.' })
  async list(@Query() query: AuditLogQuery): Promise<AuditPageResponse> {
    const from = query.from ? new Date(query.from) : undefined;
    const to = query.to ? new Date(query.to) : undefined;
    if (from && to && to < from) throw new RequestValidationError([{ field: 'to', messages: ['to must not be before from'] }]);
    const limit = query.limit ?? AUDIT_DEFAULT_PAGE_SIZE;
    const beforeId = query.cursor ? AuditCursor.decode(query.cursor) : null;
    // One extra row tells whether another page exists without a count query.
    const rows = await this.trail.list({ entityType: query.entityType, entityId: query.entityId, actor: query.actor, from, to }, limit + 1, beforeId);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? AuditCursor.encode(last.id) : null };
  }
}
