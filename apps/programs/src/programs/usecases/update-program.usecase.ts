import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ProgramUpdated } from '@diplomacy/contracts';
import type { ProgramChangesV1, ProgramUpdatableField } from '@diplomacy/contracts';
import { UnitOfWork } from '@diplomacy/messaging';
import { AuditTrail, RequestValidationError, VersionConflictError } from '@diplomacy/service-kit';
import type { FieldError } from '@diplomacy/service-kit';
import type { EntityManager } from 'typeorm';
import { OrganisationRepository } from '../../organisations/organisation.repository';
import { PartnershipRepository } from '../../partnerships/partnership.repository';
import type { UpdateProgramDto } from '../dto/update-program.dto';
import { PROGRAM_ENTITY, programChanges } from '../program.audit';
import { ProgramSchedulePolicy } from '../program-schedule.policy';
import { ProgramStatusPolicy } from '../program-status.policy';
import { ProgramLegEntity } from '../program.entity';
import type { ProgramEntity } from '../program.entity';
import { ProgramRepository } from '../program.repository';
import type { ProgramView } from '../program.view';
import { legPayload } from '../program.view';
import { ProgramClosedError, ProgramNotFoundError } from '../programs.errors';

export interface UpdateProgramCommand {
  id: string;
  expectedVersion: number;
  changes: UpdateProgramDto;
}

const COLUMN_FIELDS = ['title', 'kind', 'theme', 'objectives', 'startDate', 'endDate', 'hostOrganisationId', 'partnershipId'] as const;

/**
 * A partial update under optimistic concurrency. The row is locked first, so of
 * two writers holding the same version exactly one wins and the other gets 412
 * with nothing written. A request that changes nothing writes nothing and
 * publishes nothing.
 */
@Injectable()
export class UpdateProgramUseCase {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(ProgramRepository) private readonly programs: ProgramRepository,
    @Inject(OrganisationRepository) private readonly organisations: OrganisationRepository,
    @Inject(PartnershipRepository) private readonly partnerships: PartnershipRepository,
    @Inject(AuditTrail) private readonly audit: AuditTrail,
  ) {}

  async execute({ id, expectedVersion, changes }: UpdateProgramCommand): Promise<ProgramView> {
    return this.unitOfWork.run(async (tx) => {
      const current = await this.programs.lockView(tx.manager, id);
      if (!current) throw new ProgramNotFoundError(id);
      const { program } = current;
      if (program.version !== expectedVersion) throw new VersionConflictError(`Program ${id}`, expectedVersion, program.version);
      if (ProgramStatusPolicy.isFinal(program.status)) throw new ProgramClosedError(id, program.status);

      const legs = changes.legs ? this.legRows(id, changes.legs, current) : current.legs;
      const dates = { startDate: changes.startDate ?? program.startDate, endDate: changes.endDate ?? program.endDate };
      const errors = ProgramSchedulePolicy.check(dates, legs, changes.legs === undefined);
      errors.push(...(await this.missingReferences(tx.manager, changes)));
      if (errors.length > 0) throw new RequestValidationError(errors);

      const columns: Partial<ProgramEntity> = {};
      const payload: ProgramChangesV1 = {};
      const changed: ProgramUpdatableField[] = [];
      for (const field of COLUMN_FIELDS) {
        const value = changes[field];
        if (value === undefined || same(program[field], value)) continue;
        Object.assign(columns, { [field]: value });
        Object.assign(payload, { [field]: value });
        changed.push(field);
      }
      const coHosts = changes.coHostOrganisationIds ? [...changes.coHostOrganisationIds].sort() : null;
      if (coHosts && !same(current.coHostOrganisationIds, coHosts)) {
        payload.coHostOrganisationIds = coHosts;
        changed.push('coHostOrganisationIds');
      }
      const legsChanged = changes.legs !== undefined && !same(current.legs.map(legPayload), legs.map(legPayload));
      if (legsChanged) {
        payload.legs = legs.map(legPayload);
        changed.push('legs');
      }
      if (changed.length === 0) return current;

      if (!(await this.programs.update(tx.manager, id, expectedVersion, columns))) {
        throw new VersionConflictError(`Program ${id}`, expectedVersion, program.version + 1);
      }
      if (coHosts && changed.includes('coHostOrganisationIds')) await this.programs.replaceCoHosts(tx.manager, id, coHosts);
      if (legsChanged) await this.programs.replaceLegs(tx.manager, id, legs);
      await tx.publish({
        definition: ProgramUpdated,
        key: id,
        organisationId: program.organisationId,
        payload: { programId: id, version: expectedVersion + 1, changedFields: changed, changes: payload },
      });
      const after = await this.programs.getView(id, tx.manager);
      await this.audit.record(tx.manager, { organisationId: program.organisationId, entityType: PROGRAM_ENTITY, entityId: id, action: 'updated', changes: programChanges(current, after) });
      return after;
    });
  }

  /** New legs get new ids; a leg named by its id keeps it, so other services' references to it survive. */
  private legRows(programId: string, requested: NonNullable<UpdateProgramDto['legs']>, current: ProgramView): ProgramLegEntity[] {
    const known = new Set(current.legs.map((leg) => leg.id));
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    requested.forEach((leg, index) => {
      if (!leg.legId) return;
      if (!known.has(leg.legId) || seen.has(leg.legId)) errors.push({ field: `legs.${index}.legId`, messages: ['legId must name a leg of this program, once'] });
      seen.add(leg.legId);
    });
    if (errors.length > 0) throw new RequestValidationError(errors);
    return requested.map((leg, position) =>
      Object.assign(new ProgramLegEntity(), {
        id: leg.legId ?? randomUUID(),
        programId,
        position,
        city: leg.city,
        timeZone: leg.timeZone,
        startDate: leg.startDate,
        endDate: leg.endDate,
        localHostOrganisationId: leg.localHostOrganisationId ?? null,
      }),
    );
  }

  /**
   * References to organisations and partnerships that do not exist are the client's mistake:
   * 400 naming the field. Another organisation's records do not exist for the caller (the
   * repositories are tenant-scoped); a partnership shared with the caller's organisation does.
   */
  private async missingReferences(manager: EntityManager, changes: UpdateProgramDto): Promise<FieldError[]> {
    const references: { field: string; id: string }[] = [];
    if (changes.hostOrganisationId) references.push({ field: 'hostOrganisationId', id: changes.hostOrganisationId });
    changes.coHostOrganisationIds?.forEach((id, i) => references.push({ field: `coHostOrganisationIds.${i}`, id }));
    changes.legs?.forEach((leg, i) => leg.localHostOrganisationId && references.push({ field: `legs.${i}.localHostOrganisationId`, id: leg.localHostOrganisationId }));
    const existing = await this.organisations.existingIds(references.map((r) => r.id), manager);
    const errors: FieldError[] = references.filter((r) => !existing.has(r.id)).map((r) => ({ field: r.field, messages: [`organisation ${r.id} does not exist`] }));
    if (changes.partnershipId && !(await this.partnerships.exists(changes.partnershipId, manager))) {
      errors.push({ field: 'partnershipId', messages: [`partnership ${changes.partnershipId} does not exist`] });
    }
    return errors;
  }
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
