import { AgendaItemAttendeesChanged, AgendaItemCancelled, AgendaItemConfirmed, AgendaItemRescheduled, AgendaItemScheduled } from '@diplomacy/contracts';
import type { AgendaItemStateV1, EventDefinition, ScheduleChangeV1 } from '@diplomacy/contracts';
import { AuditChangeSet } from '@diplomacy/service-kit';
import type { AuditAction, AuditChanges } from '@diplomacy/service-kit';

export const AGENDA_ITEM_ENTITY = 'agenda-item';

/**
 * What the audit trail compares: the item as coordinators edit it. The venue and resource by id
 * (their names and addresses belong to the resource, audited on its own), the attendees as
 * resolved at that version, so a whole-delegation item shows who it actually booked.
 */
const AUDITED_FIELDS = [
  'title',
  'kind',
  'status',
  'startsAt',
  'endsAt',
  'timeZone',
  'venueId',
  'resourceId',
  'wholeDelegation',
  'participantIds',
  'interpreterIds',
  'notes',
  'travelBufferMinutes',
  'outsideProgramDates',
  'cancellationReason',
] as const;

type AuditedItem = Record<(typeof AUDITED_FIELDS)[number], unknown>;

/** Which audit action each schedule change is: confirming and cancelling change the status, the rest the item. */
const ACTIONS = new Map<string, AuditAction>([
  [AgendaItemScheduled.type, 'created'],
  [AgendaItemRescheduled.type, 'updated'],
  [AgendaItemAttendeesChanged.type, 'updated'],
  [AgendaItemConfirmed.type, 'status-changed'],
  [AgendaItemCancelled.type, 'status-changed'],
]);

// An item holds no personal data beyond participant ids; the shared list (REDACTED_FIELDS) still applies.
const changeSet = new AuditChangeSet();

function audited(state: AgendaItemStateV1): AuditedItem {
  return {
    title: state.title,
    kind: state.kind,
    status: state.status,
    startsAt: state.startsAt,
    endsAt: state.endsAt,
    timeZone: state.timeZone,
    venueId: state.venue?.venueId ?? null,
    resourceId: state.resource?.resourceId ?? null,
    wholeDelegation: state.attendees.wholeDelegation,
    participantIds: state.attendees.participantIds,
    interpreterIds: state.attendees.interpreterIds,
    notes: state.notes,
    travelBufferMinutes: state.travelBufferMinutes,
    outsideProgramDates: state.outsideProgramDates,
    cancellationReason: state.cancellationReason,
  };
}

export const AgendaItemAudit = {
  /** The audit action of a schedule change event; an event this map does not know is a programming error. */
  actionOf(event: EventDefinition<ScheduleChangeV1>): AuditAction {
    const action = ACTIONS.get(event.type);
    if (!action) throw new Error(`no audit action for ${event.type}`);
    return action;
  },

  /** The entry's changes for an item going from `before` to `after` (before null: scheduled). */
  changes(before: AgendaItemStateV1 | null, after: AgendaItemStateV1): AuditChanges {
    return changeSet.describe(before && audited(before), audited(after), AUDITED_FIELDS);
  },
};
