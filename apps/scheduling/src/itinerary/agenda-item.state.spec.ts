import type { AgendaItemStateV1 } from '@diplomacy/contracts';
import { affectedParticipants } from './agenda-item.state';

const state = (participantIds: string[], interpreterIds: string[] = []) =>
  ({ attendees: { wholeDelegation: false, participantIds, interpreterIds } }) as unknown as AgendaItemStateV1;

describe('affectedParticipants', () => {
  it('names everyone attending before or after, once, interpreters included', () => {
    expect(affectedParticipants(state(['b', 'a'], ['i']), state(['a', 'c']))).toEqual(['a', 'b', 'c', 'i']);
  });

  it('names the attendees of a new item', () => {
    expect(affectedParticipants(null, state(['a']))).toEqual(['a']);
  });
});
