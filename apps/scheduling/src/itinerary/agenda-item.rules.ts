import type { FieldError } from '@diplomacy/service-kit';
import type { AgendaItemKind } from '@diplomacy/contracts';

/** Longest item accepted: an overnight travel leg fits, a typo in the year does not. */
export const MAX_ITEM_HOURS = 48;

export interface ItemShape {
  kind: AgendaItemKind;
  startsAt: Date;
  endsAt: Date;
  resourceId: string | null;
  venueId: string | null;
  attendees: { wholeDelegation: boolean; participantIds: readonly string[]; interpreterIds: readonly string[] };
}

/** The rules of a well-formed agenda item that need more than one field; each problem names the field to fix. */
export class AgendaItemRules {
  static problems(item: ItemShape): FieldError[] {
    const problems: FieldError[] = [];
    const hours = (item.endsAt.getTime() - item.startsAt.getTime()) / 3_600_000;
    if (hours <= 0) problems.push({ field: 'endsAt', messages: ['endsAt must be after startsAt'] });
    else if (hours > MAX_ITEM_HOURS) problems.push({ field: 'endsAt', messages: [`an agenda item lasts at most ${MAX_ITEM_HOURS} hours`] });
    if (item.kind === 'resource-meeting' && !item.resourceId) {
      problems.push({ field: 'resourceId', messages: ['a resource-meeting names the resource organisation it is with'] });
    }
    if (item.kind === 'site-visit' && !item.venueId) problems.push({ field: 'venueId', messages: ['a site-visit names its venue'] });
    const { wholeDelegation, participantIds, interpreterIds } = item.attendees;
    if (!wholeDelegation && participantIds.length === 0 && interpreterIds.length === 0) {
      problems.push({ field: 'attendees', messages: ['attendees must be the whole delegation or name at least one participant or interpreter'] });
    }
    const overlap = participantIds.filter((id) => interpreterIds.includes(id));
    if (overlap.length > 0) problems.push({ field: 'attendees.interpreterIds', messages: [`${overlap.join(', ')} listed both as participant and interpreter`] });
    return problems;
  }
}
